package microgpt.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import microgpt.autograd.GradientCheckReport;
import microgpt.train.TrainingHistory;

import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.Circle;

/**
 * Ready-made charts for the notebooks, all built with the house {@link ChartStyle#THEME}. Each method returns an
 * ordinary XChart chart: leave it as the last expression of a cell to see it, change it further with XChart's own
 * API, or save it with {@link Images#savePng}. Settings that depend on the data (the legend once there are two
 * series, markers on short lines) are made when a series is added, never at rendering time.
 */
public final class Charts {

    private static final BasicStroke THIN = new BasicStroke(1.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final BasicStroke BOLD = new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    /** Lines with at most this many points get a dot on each point, so that a short series shows its data. */
    static final int MARKER_MAX_POINTS = 30;
    /** Relative errors of exactly 0 are drawn at this value, since a log axis has no 0. */
    private static final double LOG_FLOOR = 1e-16;
    /** Long series are thinned to about this many points, about two per pixel of a 2x PNG. */
    private static final int MAX_DRAWN_POINTS = 2400;

    private Charts() {}

    // ---- lines ----------------------------------------------------------------------------------------------------

    /** An empty line chart with a title and axis titles; add series with {@link #addLine}. */
    public static XYChart line(String title, String xLabel, String yLabel) {
        return titled(new XYChart(ChartStyle.WIDTH, ChartStyle.HEIGHT, ChartStyle.THEME), title, xLabel, yLabel);
    }

    /** A line chart of one series {@code y} against 1, 2, 3, ... */
    public static XYChart line(String title, String xLabel, String yLabel, double[] y) {
        XYChart chart = line(title, xLabel, yLabel);
        addLine(chart, yLabel, y);
        return chart;
    }

    /** Adds a line of {@code y} values against 1, 2, 3, ... (steps are numbered from 1 in this course). */
    public static XYSeries addLine(XYChart chart, String name, double[] y) {
        return addLine(chart, name, oneBased(y.length), y);
    }

    /** Adds a line through the points ({@code x[i]}, {@code y[i]}); a short one gets a dot on every point. */
    public static XYSeries addLine(XYChart chart, String name, double[] x, double[] y) {
        XYSeries series = added(chart, chart.addSeries(name, x, y));
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        if (x.length <= MARKER_MAX_POINTS) {
            series.setMarker(new Circle());
        }
        return series;
    }

    /** Adds unconnected points ({@code x[i]}, {@code y[i]}). */
    public static XYSeries addPoints(XYChart chart, String name, double[] x, double[] y) {
        XYSeries series = added(chart, chart.addSeries(name, x, y));
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        series.setMarker(new Circle());
        return series;
    }

    /** A legend only once there is something to tell apart. */
    private static <S> S added(Chart<?, ?> chart, S series) {
        chart.getStyler().setLegendVisible(chart.getSeriesMap().size() > 1);
        return series;
    }

    /** A new chart of any kind with axes, titled, with the settings every such chart shares. */
    private static <C extends Chart<?, ?>> C titled(C chart, String title, String xLabel, String yLabel) {
        chart.getStyler().setAntiAlias(true);
        chart.getStyler().setLegendVisible(false);
        chart.setTitle(title);
        chart.setXAxisTitle(xLabel);
        chart.setYAxisTitle(yLabel);
        return chart;
    }

    // ---- training -------------------------------------------------------------------------------------------------

    /** {@link #lossCurve(TrainingHistory, int)} with a window of about a twentieth of the run (at most 100 steps). */
    public static XYChart lossCurve(TrainingHistory history) {
        return lossCurve(history, Math.max(1, Math.min(100, history.size() / 20)));
    }

    /**
     * The loss of every step as a faint line, its moving average over {@code window} steps in bold, and the
     * validation losses in a second colour. A window of 1 leaves out the moving average.
     */
    public static XYChart lossCurve(TrainingHistory history, int window) {
        XYChart chart = line("Training loss", "step", "loss");
        // XChart ticks evenly spaced data on every n-th point (1, 29, 57, ...); a range a hair wider gets round ticks
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(Math.max(1, history.size()) * 1.001);
        double[] losses = history.losses();
        if (losses.length > 0) {
            double[][] envelope = envelope(losses, MAX_DRAWN_POINTS);
            XYSeries raw = addLine(chart, window > 1 ? "loss per step" : "loss", envelope[0], envelope[1]);
            raw.setLineColor(ChartStyle.withAlpha(ChartStyle.color(0), window > 1 ? 0.3 : 1.0));
            raw.setLineStyle(window > 1 ? THIN : BOLD);
            raw.setMarkerColor(raw.getLineColor());
            if (window > 1) {
                double[][] thinned = envelope(history.movingAverage(window), MAX_DRAWN_POINTS);
                XYSeries mean = addLine(chart, "mean of last " + window, thinned[0], thinned[1]);
                mean.setLineColor(ChartStyle.color(0));
                mean.setLineStyle(BOLD);
            }
        }
        List<TrainingHistory.Evaluation> evaluations = history.evaluations();
        if (!evaluations.isEmpty()) {
            double[] x = evaluations.stream().mapToDouble(TrainingHistory.Evaluation::step).toArray();
            double[] y = evaluations.stream().mapToDouble(TrainingHistory.Evaluation::loss).toArray();
            XYSeries validation = addLine(chart, "validation", x, y);
            validation.setLineColor(ChartStyle.color(1));
            validation.setMarkerColor(ChartStyle.color(1));
        }
        if (chart.getSeriesMap().isEmpty()) {
            chart.setTitle("Training loss (no steps yet)");
            addLine(chart, "loss", new double[] {1}, new double[] {Double.NaN});
        }
        return chart;
    }

    // ---- categories -----------------------------------------------------------------------------------------------

    /** A bar chart of {@code values} by category, in the map's iteration order (use a LinkedHashMap or TreeMap). */
    public static CategoryChart bar(String title, String xLabel, String yLabel, Map<String, ? extends Number> values) {
        return bar(title, xLabel, yLabel, new ArrayList<>(values.keySet()), new ArrayList<>(values.values()));
    }

    /** A bar chart with one bar per category. */
    public static CategoryChart bar(String title, String xLabel, String yLabel,
                                    List<String> categories, List<? extends Number> values) {
        if (categories.size() != values.size()) {
            throw new IllegalArgumentException("Charts.bar: " + categories.size() + " categories but "
                    + values.size() + " values; pass one value per category");
        }
        CategoryChart chart = categoryChart(title, xLabel, yLabel);
        if (categories.size() > 12 && categories.stream().anyMatch(c -> c.length() > 3)) {
            chart.getStyler().setXAxisLabelRotation(45);
        }
        added(chart, chart.addSeries(yLabel, categories, values));
        return chart;
    }

    private static CategoryChart categoryChart(String title, String xLabel, String yLabel) {
        CategoryChart chart = new CategoryChart(ChartStyle.WIDTH, ChartStyle.HEIGHT, ChartStyle.THEME);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        return titled(chart, title, xLabel, yLabel);
    }

    /** A histogram of {@code values} in {@code bins} equal-width bins (non-finite values are left out). */
    public static XYChart histogram(String title, String xLabel, double[] values, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("Charts.histogram: bins must be at least 1, got " + bins);
        }
        List<Double> finite = Arrays.stream(values).filter(Double::isFinite).boxed().collect(Collectors.toList());
        double lo = finite.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double hi = finite.stream().mapToDouble(Double::doubleValue).max().orElse(lo);
        Histogram histogram = hi > lo ? new Histogram(finite, bins, lo, hi) : new Histogram(finite, bins, lo - 0.5, lo + 0.5);
        // a step outline through the bin edges: (left edge, count) for every bin, then the right edge of the last
        double width = (histogram.getMax() - histogram.getMin()) / bins;
        double[] x = new double[bins + 1];
        double[] y = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            x[i] = histogram.getMin() + i * width;
            y[i] = histogram.getyAxisData().get(Math.min(i, bins - 1));
        }
        XYChart chart = line(title, xLabel, "count");
        chart.getStyler().setYAxisMin(0.0);
        XYSeries series = added(chart, chart.addSeries("count", x, y));
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.StepArea);
        series.setFillColor(ChartStyle.withAlpha(ChartStyle.color(0), 0.55));
        series.setLineStyle(THIN);
        return chart;
    }

    // ---- matrices and points --------------------------------------------------------------------------------------

    /**
     * A heat map of a matrix, e.g. attention weights: {@code values[row][col]}, row 0 at the top, with a colour bar.
     * Labels may be null (then rows and columns are numbered from 0). Values within [0, 1] use the fixed scale 0..1.
     */
    public static HeatMapChart heatmap(double[][] values, List<String> rowLabels, List<String> colLabels, String title) {
        return MatrixCharts.heatmap(values, rowLabels, colLabels, title);
    }

    /**
     * A scatter plot of 2-D points ({@code points[i][0]}, {@code points[i][1]}), e.g. token embeddings projected to
     * two dimensions, each point labelled just above it with {@code labels.get(i)} (labels may be null).
     */
    public static XYChart scatter(String title, double[][] points, List<String> labels) {
        return MatrixCharts.scatter(title, points, labels);
    }

    // ---- gradient check -------------------------------------------------------------------------------------------

    /**
     * The relative error of every checked parameter as a bar on a log axis, bars within the tolerance in blue and
     * the others in red, with the tolerance as a dashed line.
     */
    public static CategoryChart gradientCheck(GradientCheckReport report) {
        List<GradientCheckReport.Entry> entries = report.entries();
        String title = String.format(Locale.ROOT, "Gradient check: %s (max rel. error %.1e, tolerance %.0e)",
                report.passed() ? "pass" : "FAIL", report.maxRelativeError(), report.tolerance());
        CategoryChart chart = categoryChart(title, "parameter", "relative error");
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setPlotGridLinesColor(new Color(0xEFEFEF)); // a log axis has 9 lines a decade
        chart.getStyler().setOverlapped(true);
        boolean numbered = entries.size() > 30;
        List<String> names = MatrixCharts.labels(IntStream.range(0, entries.size())
                .mapToObj(i -> numbered ? Integer.toString(i + 1) : entries.get(i).name())
                .collect(Collectors.toList()), entries.size(), "entries");
        if (!numbered && entries.size() > 6) {
            // Slanted labels lean right, and XChart drops the last one when it would leave the chart: long
            // names such as layer0.mlp_fc2[1][58] stand upright instead.
            boolean longNames = names.stream().anyMatch(name -> name.length() > 12);
            chart.getStyler().setXAxisLabelRotation(longNames ? 90 : 45);
        }
        Function<Boolean, List<Double>> errors = pass -> entries.stream()
                .map(e -> report.passed(e) == pass ? Math.max(LOG_FLOOR, e.relativeError()) : null)
                .collect(Collectors.toList());
        for (boolean pass : new boolean[] {true, false}) {
            if (entries.stream().anyMatch(e -> report.passed(e) == pass)) {
                added(chart, chart.addSeries(pass ? "within tolerance" : "above tolerance", names, errors.apply(pass)))
                        .setFillColor(ChartStyle.color(pass ? 0 : 1));
            }
        }
        if (entries.isEmpty()) {
            chart.setTitle("Gradient check: no parameters checked");
            chart.addSeries("relative error", List.of("-"), List.of(report.tolerance()));
        }

        double lo = entries.stream().mapToDouble(e -> Math.max(LOG_FLOOR, e.relativeError())).min().orElse(1);
        double hi = entries.stream().mapToDouble(GradientCheckReport.Entry::relativeError).max().orElse(1);
        chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(Math.min(lo, report.tolerance())) - 1)));
        chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(Math.max(hi, report.tolerance() * 10)))));
        chart.addAnnotation(new AnnotationLine(report.tolerance(), false, false));
        return chart;
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /**
     * The points (step, value) of a long series thinned to at most {@code maxPoints}: each run of steps that falls on
     * the same pixel keeps only its lowest and highest value, so the line looks the same, spikes included, but a
     * 20,000-step run draws in a fraction of the time.
     */
    static double[][] envelope(double[] y, int maxPoints) {
        int buckets = Math.min(y.length, Math.max(1, maxPoints / 2));
        double[] xs = new double[2 * buckets];
        double[] ys = new double[2 * buckets];
        int k = 0;
        for (int b = 0; b < buckets; b++) {
            int lo = (int) ((long) b * y.length / buckets);
            int hi = lo;
            for (int i = lo; i < (int) ((long) (b + 1) * y.length / buckets); i++) {
                lo = y[i] < y[lo] ? i : lo;
                hi = y[i] > y[hi] ? i : hi;
            }
            for (int i : lo == hi ? new int[] {lo} : new int[] {Math.min(lo, hi), Math.max(lo, hi)}) {
                xs[k] = i + 1;
                ys[k++] = y[i];
            }
        }
        return new double[][] {Arrays.copyOf(xs, k), Arrays.copyOf(ys, k)};
    }

    private static double[] oneBased(int n) {
        return IntStream.rangeClosed(1, n).asDoubleStream().toArray();
    }
}
