package microgpt.viz;

import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler.LegendPosition;

/** Finds the inside corner of a plot where a legend covers the fewest data points. */
final class LegendPlacement {

    private static final LegendPosition[] CORNERS = {
            LegendPosition.InsideNE, LegendPosition.InsideNW, LegendPosition.InsideSE, LegendPosition.InsideSW,
    };
    private static final int MAX_POINTS_PER_SERIES = 2000;

    private LegendPlacement() {}

    /** The corner (NE, NW, SE, SW, preferred in that order on ties) whose legend-sized box holds the fewest points. */
    static LegendPosition emptiestCorner(Chart<?, ?> chart) {
        List<double[]> points = normalisedPoints(chart);
        int entries = (int) chart.getSeriesMap().values().stream().filter(s -> s.isShowInLegend()).count();
        double width = 0.4;
        double height = Math.min(0.6, 0.08 + 0.08 * entries);
        LegendPosition best = CORNERS[0];
        long fewest = Long.MAX_VALUE;
        for (LegendPosition corner : CORNERS) {
            boolean east = corner == LegendPosition.InsideNE || corner == LegendPosition.InsideSE;
            boolean north = corner == LegendPosition.InsideNE || corner == LegendPosition.InsideNW;
            long inside = points.stream()
                    .filter(p -> east ? p[0] >= 1 - width : p[0] <= width)
                    .filter(p -> north ? p[1] >= 1 - height : p[1] <= height)
                    .count();
            if (inside < fewest) {
                fewest = inside;
                best = corner;
            }
        }
        return best;
    }

    /** Every drawn point, as fractions of the axis ranges (0 = left/bottom, 1 = right/top). */
    private static List<double[]> normalisedPoints(Chart<?, ?> chart) {
        List<double[]> raw = new ArrayList<>();
        AxesChartStyler styler = (AxesChartStyler) chart.getStyler();
        boolean logX = styler.isXAxisLogarithmic();
        boolean logY = styler.isYAxisLogarithmic();
        if (chart instanceof XYChart xy) {
            for (XYSeries series : xy.getSeriesMap().values()) {
                if (!series.isEnabled()) {
                    continue;
                }
                double[] x = series.getXData();
                double[] y = series.getYData();
                int stride = Math.max(1, x.length / MAX_POINTS_PER_SERIES);
                for (int i = 0; i < x.length; i += stride) {
                    raw.add(new double[] {axis(x[i], logX), axis(y[i], logY)});
                }
            }
        } else if (chart instanceof CategoryChart category) {
            for (CategorySeries series : category.getSeriesMap().values()) {
                if (!series.isEnabled()) {
                    continue;
                }
                List<? extends Number> values = new ArrayList<>(series.getYData());
                int n = values.size();
                CategorySeriesRenderStyle style = series.getChartCategorySeriesRenderStyle();
                boolean bars = style == null || style == CategorySeriesRenderStyle.Bar
                        || style == CategorySeriesRenderStyle.Stick || style == CategorySeriesRenderStyle.SteppedBar;
                for (int i = 0; i < n; i++) {
                    Number v = values.get(i);
                    if (v == null) {
                        continue;
                    }
                    double xf = (i + 0.5) / n; // categories are spread evenly, already a fraction
                    raw.add(new double[] {Double.NaN, axis(v.doubleValue(), logY), xf, bars ? 1 : 0});
                }
            }
        }
        double[] xRange = range(raw, 0, styler.getXAxisMin(), styler.getXAxisMax(), logX);
        double[] yRange = range(raw, 1, styler.getYAxisMin(), styler.getYAxisMax(), logY);
        List<double[]> out = new ArrayList<>();
        for (double[] p : raw) {
            double yf = fraction(p[1], yRange);
            if (!Double.isFinite(yf)) {
                continue;
            }
            if (p.length == 4) { // a category: x is fixed, and a bar fills everything below its top
                if (p[3] > 0) {
                    for (double f = 0; f < yf; f += 0.05) {
                        out.add(new double[] {p[2], f});
                    }
                }
                out.add(new double[] {p[2], yf});
            } else {
                double xf = fraction(p[0], xRange);
                if (Double.isFinite(xf)) {
                    out.add(new double[] {xf, yf});
                }
            }
        }
        return out;
    }

    private static double axis(double v, boolean log) {
        return log ? (v > 0 ? Math.log10(v) : Double.NaN) : v;
    }

    private static double[] range(List<double[]> points, int index, Double fixedMin, Double fixedMax, boolean log) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] p : points) {
            if (Double.isFinite(p[index])) {
                min = Math.min(min, p[index]);
                max = Math.max(max, p[index]);
            }
        }
        if (fixedMin != null) {
            min = axis(fixedMin, log);
        }
        if (fixedMax != null) {
            max = axis(fixedMax, log);
        }
        return new double[] {min, max};
    }

    private static double fraction(double v, double[] range) {
        if (!Double.isFinite(v)) {
            return Double.NaN;
        }
        double span = range[1] - range[0];
        return span > 0 ? (v - range[0]) / span : 0.5;
    }
}
