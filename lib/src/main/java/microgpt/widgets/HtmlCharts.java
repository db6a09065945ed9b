package microgpt.widgets;

import java.util.List;
import java.util.Locale;
import microgpt.viz.ChartStyle;
import microgpt.viz.Images;
import microgpt.viz.Tables;

import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Small charts drawn in plain HTML with inline styles, for outputs that are redrawn while the user moves a
 * control (the live widgets of chapters 6 and 7): bars for a probability distribution, a shaded table for
 * attention weights, and any XChart chart as an embedded image. Colours are the charts' blue, half transparent, so they
 * read on light and dark themes alike.
 */
public final class HtmlCharts {

    private static final int BAR_HEIGHT_PX = 90;
    // The charts' first colour, as the start of a CSS rgba(...) that a caller completes with an opacity.
    static final String BLUE = String.format(Locale.ROOT, "rgba(%d,%d,%d,",
            ChartStyle.color(0).getRed(), ChartStyle.color(0).getGreen(), ChartStyle.color(0).getBlue());

    private HtmlCharts() {}

    /**
     * One column per label, its height in proportion to the value (the tallest is full height), the value on top
     * to two decimals. Values must be finite and non-negative, e.g. probabilities.
     */
    public static String columns(String title, List<String> labels, double[] values) {
        check(labels.size() == values.length, "columns: " + labels.size() + " labels for " + values.length + " values");
        double max = 0;
        for (double v : values) {
            check(Double.isFinite(v) && v >= 0, "columns: values must be finite and non-negative, got " + v);
            max = Math.max(max, v);
        }
        StringBuilder html = new StringBuilder(caption(title));
        html.append("<div style=\"display:flex;align-items:flex-end;gap:2px;font-size:11px;font-family:monospace\">");
        for (int i = 0; i < values.length; i++) {
            int height = max == 0 ? 0 : (int) Math.round(BAR_HEIGHT_PX * values[i] / max);
            html.append("<div style=\"display:flex;flex-direction:column;align-items:center;width:26px\">")
                    .append("<span style=\"font-size:9px;color:#666\">").append(values[i] >= 0.005 ? two(values[i]) : "")
                    .append("</span><div title=\"").append(Tables.escape(labels.get(i))).append(' ').append(two(values[i]))
                    .append("\" style=\"width:18px;height:").append(height)
                    .append("px;background:" + BLUE + "0.75)\"></div><span>")
                    .append(Tables.escape(labels.get(i))).append("</span></div>");
        }
        return html.append("</div>").toString();
    }

    /**
     * A table of weights in [0, 1], one row per row label, each cell shaded by its weight and showing it to two
     * decimals; a missing (null) row is left blank.
     */
    public static String weights(String title, List<String> rowLabels, List<String> columnLabels, double[][] weights) {
        check(rowLabels.size() == weights.length, "weights: " + rowLabels.size() + " row labels for " + weights.length + " rows");
        StringBuilder html = new StringBuilder(caption(title));
        html.append("<table style=\"border-collapse:collapse;font-size:12px;font-family:monospace\"><tr><th></th>");
        for (String column : columnLabels) {
            html.append("<th style=\"padding:2px 6px\">").append(Tables.escape(column)).append("</th>");
        }
        html.append("</tr>");
        for (int r = 0; r < weights.length; r++) {
            html.append("<tr><th style=\"padding:2px 6px;text-align:right\">").append(Tables.escape(rowLabels.get(r)))
                    .append("</th>");
            for (int c = 0; c < columnLabels.size(); c++) {
                boolean present = weights[r] != null && c < weights[r].length;
                double w = present ? Math.max(0, Math.min(1, weights[r][c])) : 0;
                html.append("<td style=\"padding:2px 6px;text-align:center;background:" + BLUE)
                        .append(String.format(Locale.ROOT, "%.3f", 0.85 * w)).append(")\">")
                        .append(present ? two(weights[r][c]) : "").append("</td>");
            }
            html.append("</tr>");
        }
        return html.append("</table>").toString();
    }

    /** An XChart chart as an {@code <img>}: its 2x PNG shown at the chart's own size, sharp on dense screens. */
    public static String image(Chart<?, ?> chart) {
        return "<img alt=\"" + Tables.escape(chart.getTitle()) + "\" width=\"" + chart.getWidth() + "\" height=\""
                + chart.getHeight() + "\" src=\"data:image/png;base64," + Images.toPngBase64(chart) + "\">";
    }

    private static String caption(String title) {
        return title == null || title.isBlank() ? ""
                : "<div style=\"font-weight:600;margin:6px 0 4px\">" + Tables.escape(title) + "</div>";
    }

    private static String two(double x) {
        return String.format(Locale.ROOT, "%.2f", x);
    }

    private static void check(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(problem);
        }
    }
}
