package microgpt.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Font;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Circle;
import org.knowm.xchart.style.markers.None;

class ChartStyleTest {

    @Test
    void themeIsLightAndQuiet() {
        XYStyler styler = Charts.line("t", "x", "y").getStyler();
        assertSame(ChartStyle.THEME, styler.getTheme());
        assertEquals(Color.WHITE, styler.getPlotBackgroundColor());
        assertEquals(Color.WHITE, styler.getChartBackgroundColor());
        assertFalse(styler.isPlotBorderVisible(), "no box around the plot");
        assertFalse(styler.isChartTitleBoxVisible());
        assertTrue(styler.isPlotGridLinesVisible());
        Color grid = styler.getPlotGridLinesColor();
        assertTrue(grid.getRed() > 200 && grid.getGreen() > 200 && grid.getBlue() > 200, "light grey grid: " + grid);
        assertEquals(LegendPosition.InsideNE, styler.getLegendPosition(), "legend inside the plot");
    }

    @Test
    void fontsAreSansSerifAndReadable() {
        XYStyler styler = Charts.line("t", "x", "y").getStyler();
        for (Font font : new Font[] {styler.getChartTitleFont(), styler.getAxisTitleFont(),
                styler.getAxisTickLabelsFont(), styler.getLegendFont()}) {
            assertEquals(Font.SANS_SERIF, font.getName());
            assertTrue(font.getSize2D() >= 12, font + " is too small");
        }
        assertTrue(styler.getChartTitleFont().isBold());
    }

    @Test
    void paletteIsOkabeIto() {
        assertEquals(new Color(0x0072B2), ChartStyle.color(0));
        assertEquals(new Color(0xD55E00), ChartStyle.color(1));
        assertEquals(ChartStyle.color(0), ChartStyle.color(8));
        XYChart chart = Charts.line("t", "x", "y");
        assertEquals(new Color(0x0072B2), chart.getStyler().getSeriesColors()[0]);
    }

    @Test
    void markersOnlyOnShortSeries() {
        XYChart chart = Charts.line("t", "x", "y");
        XYSeries shortSeries = Charts.addLine(chart, "short", new double[Charts.MARKER_MAX_POINTS]);
        XYSeries longSeries = Charts.addLine(chart, "long", new double[Charts.MARKER_MAX_POINTS + 1]);
        assertInstanceOf(Circle.class, shortSeries.getMarker());
        assertFalse(longSeries.getMarker() instanceof Circle, "long lines get the theme's marker: none");
        assertInstanceOf(None.class, ChartStyle.THEME.getSeriesMarkers()[0]);
    }

    @Test
    void legendOnlyOnceThereAreTwoSeries() {
        XYChart one = Charts.line("t", "x", "y");
        Charts.addLine(one, "a", new double[] {1, 2, 3});
        assertFalse(one.getStyler().isLegendVisible());

        XYChart two = Charts.line("t", "x", "y");
        Charts.addLine(two, "a", new double[] {1, 2, 3});
        Charts.addLine(two, "b", new double[] {3, 2, 1});
        assertTrue(two.getStyler().isLegendVisible());
        assertTrue(two.getStyler().getLegendPosition().name().startsWith("Inside"));
    }

    @Test
    void heatMapsAndBarChartsShareTheStyle() {
        HeatMapChart heat = Charts.heatmap(Samples.attention(3), null, null, "a");
        assertSame(ChartStyle.THEME, heat.getStyler().getTheme());
        assertEquals(LegendPosition.OutsideE, heat.getStyler().getLegendPosition(), "the colour bar");
        CategoryChart bar = Charts.bar("b", "x", "y", java.util.Map.of("a", 1));
        assertSame(ChartStyle.THEME, bar.getStyler().getTheme());
        assertFalse(bar.getStyler().isPlotBorderVisible());
    }

}
