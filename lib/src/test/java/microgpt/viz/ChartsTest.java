package microgpt.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import microgpt.train.TrainingHistory;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;

class ChartsTest {

    /** Every sample chart renders to a 2x PNG; they are also written to target/viz-preview to look at. */
    @Test
    void everyChartRendersTo2xPng() throws IOException {
        Map<String, Chart<?, ?>> charts = new LinkedHashMap<>();
        charts.put("loss", Charts.lossCurve(Samples.history(600, 100)));
        charts.put("loss-short", Charts.lossCurve(Samples.history(12, 0)));
        charts.put("heatmap", Charts.heatmap(Samples.attention(6),
                List.of("<BOS>", "e", "m", "m", "a", "<BOS>"), List.of("<BOS>", "e", "m", "m", "a", "<BOS>"), "attention"));
        charts.put("bar", Charts.bar("characters", "character", "count", Map.of("a", 5, "b", 3)));
        charts.put("histogram", Charts.histogram("weights", "weight", new double[] {0.1, 0.2, 0.2, 0.3, -0.1}, 5));
        charts.put("gradcheck", Charts.gradientCheck(Samples.report()));
        charts.put("scatter", Charts.scatter("embeddings", new double[][] {{0, 0}, {1, 2}, {-1, 0.5}},
                List.of("a", "b", "<c>")));
        for (Map.Entry<String, Chart<?, ?>> e : charts.entrySet()) {
            Chart<?, ?> chart = e.getValue();
            Path file = Images.savePng(chart, Path.of("target", "viz-preview", e.getKey() + ".png"));
            BufferedImage image = ImagesTest.decode(java.nio.file.Files.readAllBytes(file));
            assertEquals(2 * chart.getWidth(), image.getWidth(), e.getKey());
            assertEquals(2 * chart.getHeight(), image.getHeight(), e.getKey());
        }
    }

    @Test
    void lossCurveHasStepsMovingAverageAndValidation() {
        TrainingHistory history = Samples.history(400, 100);
        XYChart chart = Charts.lossCurve(history);
        assertEquals(3, chart.getSeriesMap().size());
        XYSeries raw = chart.getSeriesMap().get("loss per step");
        assertArrayEquals(history.losses(), raw.getYData());
        assertEquals(1.0, raw.getXData()[0], "steps are numbered from 1");
        assertTrue(raw.getLineColor().getAlpha() < 128, "step losses are faint");
        XYSeries mean = chart.getSeriesMap().get("mean of last 20");
        assertArrayEquals(history.movingAverage(20), mean.getYData());
        assertTrue(mean.getLineStyle().getLineWidth() > raw.getLineStyle().getLineWidth(), "the average is bold");
        XYSeries validation = chart.getSeriesMap().get("validation");
        assertArrayEquals(new double[] {100, 200, 300, 400}, validation.getXData());
    }

    @Test
    void shortLossCurveHasNoMovingAverage() {
        XYChart chart = Charts.lossCurve(Samples.history(12, 0));
        assertEquals(List.of("loss"), new ArrayList<>(chart.getSeriesMap().keySet()));
    }

    @Test
    void heatmapPutsRowZeroOnTop() {
        double[][] values = {{0.9, 0.1}, {0.2, 0.8}, {0.5, 0.5}};
        HeatMapChart chart = Charts.heatmap(values, List.of("q0", "q1", "q2"), List.of("k0", "k1"), "attention");
        var series = chart.getHeatMapSeries();
        assertEquals(List.of("q2", "q1", "q0"), series.getYData(), "XChart draws y = 0 at the bottom");
        assertEquals(List.of("k0", "k1"), series.getXData());
        Number[] first = series.getHeatData().get(0);
        assertEquals(0, first[0].intValue());
        assertEquals(2, first[1].intValue());
        assertEquals(0.9, first[2].doubleValue());
        assertEquals(0.0, chart.getStyler().getMin(), "weights in [0, 1] use the fixed scale 0..1");
        assertEquals(1.0, chart.getStyler().getMax());
    }

    @Test
    void heatmapKeepsRepeatedTokensApart() {
        HeatMapChart chart = Charts.heatmap(Samples.attention(3), List.of("m", "m", "a"), List.of("m", "m", "a"), "t");
        List<?> x = chart.getHeatMapSeries().getXData();
        assertEquals(3, x.size());
        assertNotEquals(x.get(0), x.get(1));
        assertEquals("m", x.get(1).toString().replace("\u200B", ""));
        assertThrows(IllegalArgumentException.class,
                () -> Charts.heatmap(Samples.attention(3), List.of("a"), null, "t"));
    }

    @Test
    void histogramCountsEveryFiniteValue() {
        double[] values = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, Double.NaN};
        XYChart chart = Charts.histogram("h", "x", values, 4);
        double[] y = chart.getSeriesMap().get("count").getYData();
        assertEquals(11, Arrays.stream(y, 0, 4).sum());
        assertEquals(0.0, chart.getStyler().getYAxisMin());
    }

    @Test
    void barKeepsOrderAndChecksSizes() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("z", 1);
        counts.put("a", 2);
        CategoryChart chart = Charts.bar("t", "x", "y", counts);
        assertEquals(List.of("z", "a"), new ArrayList<>(chart.getSeriesMap().get("y").getXData()));
        assertThrows(IllegalArgumentException.class, () -> Charts.bar("t", "x", "y", List.of("a"), List.of(1, 2)));
    }

    @Test
    void gradientCheckSplitsPassAndFailOnALogAxis() {
        CategoryChart chart = Charts.gradientCheck(Samples.report());
        assertTrue(chart.getStyler().isYAxisLogarithmic());
        assertTrue(chart.getTitle().contains("FAIL"));
        List<? extends Number> fails = new ArrayList<>(chart.getSeriesMap().get("above tolerance").getYData());
        assertEquals(0.05, fails.get(2).doubleValue());
        assertEquals(null, fails.get(0));
        List<? extends Number> passes = new ArrayList<>(chart.getSeriesMap().get("within tolerance").getYData());
        assertTrue(passes.get(1).doubleValue() > 0, "a zero error is drawn above 0 on the log axis");
    }

    @Test
    void scatterLabelsEveryPoint() {
        XYChart chart = Charts.scatter("e", new double[][] {{0, 0}, {1, 1}}, List.of("a", "b"));
        XYSeries points = chart.getSeriesMap().get("points");
        assertEquals(XYSeries.XYSeriesRenderStyle.Scatter, points.getXYSeriesRenderStyle());
        assertThrows(IllegalArgumentException.class,
                () -> Charts.scatter("e", new double[][] {{0, 0}}, List.of("a", "b")));
        assertFalse(Charts.scatter("e", new double[0][], null).getSeriesMap().isEmpty());
    }

    @Test
    void longSeriesAreThinnedButKeepTheirExtremes() {
        double[] y = new double[20_000];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.sin(i / 50.0);
        }
        y[12_344] = 9; // a spike at step 12345
        y[777] = -9;
        double[][] thin = Charts.envelope(y, 2400);
        assertTrue(thin[0].length <= 2400, "points: " + thin[0].length);
        assertTrue(thin[0][0] <= 20 && thin[0][thin[0].length - 1] >= 19_980, "from the first steps to the last");
        assertEquals(9.0, Arrays.stream(thin[1]).max().getAsDouble());
        assertEquals(-9.0, Arrays.stream(thin[1]).min().getAsDouble());
        for (int i = 1; i < thin[0].length; i++) {
            assertTrue(thin[0][i] > thin[0][i - 1], "steps stay in order");
        }
        assertEquals(5, Charts.envelope(new double[5], 2400)[0].length, "short series are kept whole");
    }
}
