package microgpt.viz;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;

/**
 * Tidier numeric tick labels than XChart's defaults: "0.01" rather than ".01", and for long evenly spaced x data
 * (steps 1..1000) round ticks such as 200, 400, ... rather than ticks on every 46th data point.
 */
final class TickLabels {

    private static final Function<Double, String> NUMBER = TickLabels::format;

    private TickLabels() {}

    /** Applies the tidy labels to the chart and returns what restores the previous settings. */
    static Runnable tidy(Chart<?, ?> chart, AxesChartStyler styler) {
        boolean ownY = !styler.isYAxisLogarithmic() && styler.getyAxisTickLabelsFormattingFunction() == null;
        if (ownY) {
            styler.setyAxisTickLabelsFormattingFunction(NUMBER);
        }
        boolean ownX = false;
        boolean ownXMax = false;
        boolean ownXMin = false;
        if (chart instanceof XYChart xy && !styler.isXAxisLogarithmic()) {
            ownX = styler.getxAxisTickLabelsFormattingFunction() == null;
            if (ownX) {
                styler.setxAxisTickLabelsFormattingFunction(NUMBER);
            }
            double[] xs = xy.getSeriesMap().values().stream()
                    .filter(XYSeries::isEnabled)
                    .flatMapToDouble(s -> Arrays.stream(s.getXData()))
                    .filter(Double::isFinite).distinct().sorted().toArray();
            if (xs.length > ChartStyle.MARKER_MAX_POINTS && evenlySpaced(xs)) {
                // XChart puts ticks on data points when all x values are evenly spaced; a hair of extra room at
                // each end breaks the pattern and gives round tick values instead (0, 200, 400, not 0, 46, 92).
                double hair = Math.max(1e-3 * (xs[xs.length - 1] - xs[0]), 2e-4);
                if (styler.getXAxisMax() == null) {
                    styler.setXAxisMax(xs[xs.length - 1] + hair);
                    ownXMax = true;
                }
                if (styler.getXAxisMin() == null) {
                    styler.setXAxisMin(xs[0] - hair);
                    ownXMin = true;
                }
            }
        }
        boolean restoreX = ownX;
        boolean restoreXMax = ownXMax;
        boolean restoreXMin = ownXMin;
        return () -> {
            if (ownY) {
                styler.setyAxisTickLabelsFormattingFunction(null);
            }
            if (restoreX) {
                styler.setxAxisTickLabelsFormattingFunction(null);
            }
            if (restoreXMax) {
                styler.setXAxisMax(null);
            }
            if (restoreXMin) {
                styler.setXAxisMin(null);
            }
        };
    }

    private static boolean evenlySpaced(double[] sorted) {
        double step = sorted[1] - sorted[0];
        for (int i = 2; i < sorted.length; i++) {
            if (Math.abs(sorted[i] - sorted[i - 1] - step) > 1e-9 * Math.max(1, Math.abs(step))) {
                return false;
            }
        }
        return true;
    }

    /** A tick value as a short string: 0, 0.25, 1.5, 2000, 1e-05 -> "1e-5". */
    static String format(Double value) {
        if (value == null || value.isNaN()) {
            return "";
        }
        double v = value;
        if (v == 0) {
            return "0";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        double a = Math.abs(v);
        if (a >= 1e6 || a < 1e-4) {
            String s = String.format(Locale.ROOT, "%.3e", v); // e.g. 2.500e-05
            int e = s.indexOf('e');
            String mantissa = s.substring(0, e).replaceAll("0+$", "").replaceAll("\\.$", "");
            int exponent = Integer.parseInt(s.substring(e + 1));
            return mantissa + "e" + exponent;
        }
        return new BigDecimal(v).round(new MathContext(10)).stripTrailingZeros().toPlainString();
    }
}
