package microgpt.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import microgpt.autograd.GradientCheckReport;
import microgpt.train.TrainingHistory;

import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.None;

/**
 * Ready-made charts for the notebooks, all in the house {@link ChartStyle}. Each method returns an ordinary XChart
 * chart: leave it as the last expression of a cell to see it, change it further with XChart's own API, or save it
 * with {@link Images#savePng}.
 *
 * <pre>{@code
 * var chart = Charts.line("Learning rate", "step", "learning rate");
 * Charts.addLine(chart, "linear decay", lrs);
 * chart
 * }</pre>
 */
public final class Charts {

    private static final BasicStroke THIN = new BasicStroke(1.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final BasicStroke BOLD = new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
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

    /** The course's style and the given titles, for a new chart of any kind with axes. */
    private static <C extends Chart<?, ?>> C titled(C chart, String title, String xLabel, String yLabel) {
        ChartStyle.afterTheme(chart);
        chart.setTitle(title);
        chart.setXAxisTitle(xLabel);
        chart.setYAxisTitle(yLabel);
        return chart;
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

    /** Adds a line through the points ({@code x[i]}, {@code y[i]}). */
    public static XYSeries addLine(XYChart chart, String name, double[] x, double[] y) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        return series;
    }

    /** Adds unconnected points ({@code x[i]}, {@code y[i]}). */
    public static XYSeries addPoints(XYChart chart, String name, double[] x, double[] y) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        return series;
    }

    // ---- training -------------------------------------------------------------------------------------------------

    /** {@link #lossCurve(TrainingHistory, int)} with a window of about a twentieth of the run (at most 100 steps). */
    public static XYChart lossCurve(TrainingHistory history) {
        return lossCurve(history, defaultWindow(history.size()));
    }

    /**
     * The loss of every step as a faint line, its moving average over {@code window} steps in bold, and the
     * validation losses as a second colour. A window of 1 leaves out the moving average.
     */
    public static XYChart lossCurve(TrainingHistory history, int window) {
        XYChart chart = line("Training loss", "step", "loss");
        double[] losses = history.losses();
        if (losses.length > 0) {
            double[][] envelope = envelope(losses, MAX_DRAWN_POINTS);
            XYSeries raw = addLine(chart, window > 1 ? "loss per step" : "loss", envelope[0], envelope[1]);
            raw.setLineColor(ChartStyle.withAlpha(ChartStyle.color(0), window > 1 ? 0.3 : 1.0));
            raw.setLineStyle(window > 1 ? THIN : BOLD);
            raw.setMarkerColor(raw.getLineColor());
            if (window > 1) {
                raw.setMarker(new None());
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

    /**
     * The points (step, value) of a long series thinned to at most about {@code maxPoints}: each run of steps that
     * falls on the same few pixels keeps only its first, lowest and highest value, so the drawn line looks the same
     * (its spikes included) but a 20,000-step run draws in a fraction of the time.
     */
    static double[][] envelope(double[] y, int maxPoints) {
        int n = y.length;
        if (n <= maxPoints) {
            return new double[][] {oneBased(n), y.clone()};
        }
        int buckets = Math.max(1, maxPoints / 3);
        double[] xs = new double[3 * buckets + 1];
        double[] ys = new double[3 * buckets + 1];
        int k = 0;
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            int lo = from;
            int hi = from;
            for (int i = from; i < to; i++) {
                if (y[i] < y[lo]) {
                    lo = i;
                }
                if (y[i] > y[hi]) {
                    hi = i;
                }
            }
            int[] keep = {from, Math.min(lo, hi), Math.max(lo, hi)};
            for (int j = 0; j < keep.length; j++) {
                if (k == 0 || xs[k - 1] != keep[j] + 1) {
                    xs[k] = keep[j] + 1;
                    ys[k] = y[keep[j]];
                    k++;
                }
            }
        }
        if (xs[k - 1] != n) {
            xs[k] = n;
            ys[k] = y[n - 1];
            k++;
        }
        return new double[][] {Arrays.copyOf(xs, k), Arrays.copyOf(ys, k)};
    }

    static int defaultWindow(int steps) {
        return Math.max(1, Math.min(100, steps / 20));
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
            throw new IllegalArgumentException(categories.size() + " categories but " + values.size() + " values");
        }
        CategoryChart chart = categoryChart(title, xLabel, yLabel);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        if (categories.size() > 12 && categories.stream().anyMatch(c -> c.length() > 3)) {
            chart.getStyler().setXAxisLabelRotation(45);
        }
        chart.addSeries(yLabel, categories, values);
        return chart;
    }

    /** Counts how often each distinct value occurs, as a bar chart sorted by count, highest first. */
    public static CategoryChart counts(String title, String xLabel, List<?> items) {
        Map<String, Long> counted = items.stream()
                .collect(Collectors.groupingBy(String::valueOf, LinkedHashMap::new, Collectors.counting()));
        Map<String, Long> sorted = new LinkedHashMap<>();
        counted.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEachOrdered(e -> sorted.put(e.getKey(), e.getValue()));
        return bar(title, xLabel, "count", sorted);
    }

    /** A histogram of {@code values} in {@code bins} equal-width bins (non-finite values are left out). */
    public static XYChart histogram(String title, String xLabel, double[] values, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1, got " + bins);
        }
        double[] finite = Arrays.stream(values).filter(Double::isFinite).toArray();
        double lo = finite.length == 0 ? 0 : Arrays.stream(finite).min().getAsDouble();
        double hi = finite.length == 0 ? 1 : Arrays.stream(finite).max().getAsDouble();
        double min = hi > lo ? lo : lo - 0.5;
        double width = (hi > lo ? hi - lo : 1) / bins;
        double[] counts = new double[bins];
        for (double v : finite) {
            counts[Math.min(bins - 1, (int) ((v - min) / width))]++;
        }
        // a step outline through the bin edges: (edge_i, count_i) for every bin, then the right edge of the last
        double[] x = new double[bins + 1];
        double[] y = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            x[i] = min + i * width;
            y[i] = counts[Math.min(i, bins - 1)];
        }
        XYChart chart = line(title, xLabel, "count");
        chart.getStyler().setYAxisMin(0.0);
        XYSeries series = addLine(chart, "count", x, y);
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.StepArea);
        series.setFillColor(ChartStyle.withAlpha(ChartStyle.color(0), 0.55));
        series.setLineColor(ChartStyle.color(0));
        series.setLineStyle(THIN);
        series.setMarker(new None());
        return chart;
    }

    private static CategoryChart categoryChart(String title, String xLabel, String yLabel) {
        return titled(new CategoryChart(ChartStyle.WIDTH, ChartStyle.HEIGHT, ChartStyle.THEME), title, xLabel, yLabel);
    }

    // ---- matrices and points --------------------------------------------------------------------------------------

    /**
     * A heat map of a matrix, e.g. attention weights: {@code values[row][col]}, row 0 at the top, with a colour bar.
     * Labels may be null (then rows and columns are numbered from 0). Values within [0, 1] use the fixed scale 0..1.
     */
    public static HeatMapChart heatmap(double[][] values, List<String> rowLabels, List<String> colLabels, String title) {
        int rows = values.length;
        int cols = rows == 0 ? 0 : values[0].length;
        List<String> rowNames = labels(rowLabels, rows, "rows");
        List<String> colNames = labels(colLabels, cols, "columns");

        List<Number[]> cells = new ArrayList<>(rows * cols);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < rows; r++) {
            if (values[r].length != cols) {
                throw new IllegalArgumentException("row " + r + " has " + values[r].length + " values, expected " + cols);
            }
            for (int c = 0; c < cols; c++) {
                double v = values[r][c];
                cells.add(new Number[] {c, rows - 1 - r, v}); // XChart puts y = 0 at the bottom
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        List<String> yNames = new ArrayList<>(rowNames);
        Collections.reverse(yNames);

        int cell = Math.max(14, Math.min(44, 420 / Math.max(1, Math.max(rows, cols))));
        int width = Math.max(360, cols * cell + 170);
        int height = Math.max(300, rows * cell + 110);
        HeatMapChart chart = new HeatMapChart(width, height, ChartStyle.THEME);
        ChartStyle.afterTheme(chart);
        chart.setTitle(title);
        if (min >= 0 && max <= 1) {
            chart.getStyler().setMin(0).setMax(1);
        }
        if (cols > 10 && colNames.stream().anyMatch(s -> s.length() > 2)) {
            chart.getStyler().setXAxisLabelRotation(90);
        }
        if (rows > 0 && cols > 0) {
            chart.addSeries(title == null || title.isBlank() ? "values" : title, colNames, yNames, cells);
        }
        return chart;
    }

    private static List<String> labels(List<String> given, int n, String what) {
        if (given == null) {
            return IntStream.range(0, n).mapToObj(Integer::toString).collect(Collectors.toList());
        }
        if (given.size() != n) {
            throw new IllegalArgumentException(given.size() + " labels for " + n + " " + what);
        }
        // XChart draws category labels by value, so repeated labels (a token that occurs twice) would be merged;
        // a zero-width space after a repeat keeps them apart without changing how they look.
        List<String> unique = new ArrayList<>(n);
        for (String label : given) {
            String s = label == null ? "" : label;
            while (unique.contains(s)) {
                s = s + "\u200B";
            }
            unique.add(s);
        }
        return unique;
    }

    /**
     * A scatter plot of 2-D points ({@code points[i][0]}, {@code points[i][1]}), e.g. token embeddings projected to
     * two dimensions, each point labelled just above it with {@code labels.get(i)} (labels may be null).
     */
    public static XYChart scatter(String title, double[][] points, List<String> labels) {
        if (labels != null && labels.size() != points.length) {
            throw new IllegalArgumentException(labels.size() + " labels for " + points.length + " points");
        }
        XYChart chart = line(title, "dimension 1", "dimension 2");
        double[] x = Arrays.stream(points).mapToDouble(p -> p[0]).toArray();
        double[] y = Arrays.stream(points).mapToDouble(p -> p[1]).toArray();
        if (points.length == 0) {
            x = new double[] {0};
            y = new double[] {Double.NaN};
        }
        addPoints(chart, "points", x, y).setMarkerColor(ChartStyle.withAlpha(ChartStyle.color(0), 0.8));
        if (labels != null) {
            for (int i = 0; i < points.length; i++) {
                chart.addAnnotation(new PointLabel(labels.get(i), x[i], y[i]));
            }
        }
        return chart;
    }

    /** A text annotation drawn a few pixels above its data point, so that it does not cover the marker. */
    private static final class PointLabel extends AnnotationText {
        private final boolean empty;

        PointLabel(String text, double x, double y) {
            super(text == null || text.isEmpty() ? " " : text, x, y, false);
            this.empty = text == null || text.isEmpty();
        }

        @Override
        public void paint(Graphics2D g) {
            if (empty) {
                return;
            }
            AffineTransform saved = g.getTransform();
            g.translate(0, -10);
            try {
                super.paint(g);
            } finally {
                g.setTransform(saved);
            }
        }
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
        chart.getStyler().setPlotGridVerticalLinesVisible(false);

        boolean numbered = entries.size() > 30;
        List<String> names = labels(IntStream.range(0, entries.size())
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
        boolean anyPass = entries.stream().anyMatch(report::passed);
        boolean anyFail = entries.stream().anyMatch(e -> !report.passed(e));
        if (anyPass) {
            chart.addSeries("within tolerance", names, errors.apply(true)).setFillColor(ChartStyle.color(0));
        }
        if (anyFail) {
            chart.addSeries("above tolerance", names, errors.apply(false)).setFillColor(ChartStyle.color(1));
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

    private static double[] oneBased(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }
}
