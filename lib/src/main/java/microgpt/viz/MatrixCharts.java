package microgpt.viz;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler.LegendPosition;

/** The heat map and the labelled scatter plot behind {@link Charts}; the heat map has a colour bar, no grid, no border. */
final class MatrixCharts {

    private MatrixCharts() {}

    /** See {@link Charts#heatmap}. */
    static HeatMapChart heatmap(double[][] values, List<String> rowLabels, List<String> colLabels, String title) {
        int rows = values.length;
        int cols = rows == 0 ? 0 : values[0].length;
        List<String> rowNames = labels(rowLabels, rows, "rows");
        List<String> colNames = labels(colLabels, cols, "columns");
        List<Number[]> cells = new ArrayList<>(rows * cols);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < rows; r++) {
            if (values[r].length != cols) {
                throw new IllegalArgumentException("Charts.heatmap: row " + r + " has " + values[r].length
                        + " values, row 0 has " + cols + "; pass a rectangular matrix");
            }
            for (int c = 0; c < cols; c++) {
                cells.add(new Number[] {c, rows - 1 - r, values[r][c]}); // XChart puts y = 0 at the bottom
                min = Math.min(min, values[r][c]);
                max = Math.max(max, values[r][c]);
            }
        }
        List<String> yNames = new ArrayList<>(rowNames);
        Collections.reverse(yNames);
        int cell = Math.max(14, Math.min(44, 420 / Math.max(1, Math.max(rows, cols))));
        HeatMapChart chart = new HeatMapChart(Math.max(360, cols * cell + 170), Math.max(300, rows * cell + 110),
                ChartStyle.THEME);
        chart.setTitle(title);
        var styler = chart.getStyler();
        styler.setAntiAlias(true);
        styler.setRangeColors(ChartStyle.sequential());
        styler.setLegendPosition(LegendPosition.OutsideE); // the colour bar; XChart allows only E or S
        styler.setDrawBorder(false);
        styler.setValueFont(ChartStyle.BASE.deriveFont(11f));
        styler.setValueFontColor(ChartStyle.TEXT);
        styler.setGradientColorColumnWeight(14);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setPlotContentSize(1.0);
        styler.setPlotGridLinesVisible(false);
        if (min >= 0 && max <= 1) {
            styler.setMin(0).setMax(1);
        }
        if (cols > 10 && colNames.stream().anyMatch(s -> s.length() > 2)) {
            styler.setXAxisLabelRotation(90);
        }
        if (rows > 0 && cols > 0) {
            chart.addSeries(title == null || title.isBlank() ? "values" : title, colNames, yNames, cells);
        }
        return chart;
    }

    /** See {@link Charts#scatter}. */
    static XYChart scatter(String title, double[][] points, List<String> labels) {
        if (labels != null && labels.size() != points.length) {
            throw new IllegalArgumentException("Charts.scatter: " + labels.size() + " labels for " + points.length
                    + " points; pass one label per point, or null");
        }
        XYChart chart = Charts.line(title, "dimension 1", "dimension 2");
        double[] x = points.length == 0 ? new double[] {0} : Arrays.stream(points).mapToDouble(p -> p[0]).toArray();
        double[] y = points.length == 0 ? new double[] {Double.NaN} : Arrays.stream(points).mapToDouble(p -> p[1]).toArray();
        Charts.addPoints(chart, "points", x, y).setMarkerColor(ChartStyle.withAlpha(ChartStyle.color(0), 0.8));
        // a label sits a thirtieth of the y range above its point, so that it does not cover the marker
        double lift = (Arrays.stream(y).max().orElse(0) - Arrays.stream(y).min().orElse(0)) / 30;
        for (int i = 0; labels != null && i < points.length; i++) {
            if (labels.get(i) != null && !labels.get(i).isEmpty()) {
                chart.addAnnotation(new AnnotationText(labels.get(i), x[i], y[i] + lift, false));
            }
        }
        return chart;
    }

    /** The labels, or 0, 1, 2, ... when null; repeated labels are kept apart (XChart would merge them). */
    static List<String> labels(List<String> given, int n, String what) {
        if (given == null) {
            return IntStream.range(0, n).mapToObj(Integer::toString).collect(Collectors.toList());
        }
        if (given.size() != n) {
            throw new IllegalArgumentException("Charts: " + given.size() + " labels for " + n + " " + what
                    + "; pass one label each, or null to number them");
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
}
