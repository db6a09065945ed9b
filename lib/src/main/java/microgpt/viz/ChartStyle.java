package microgpt.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.PieChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.MarkerSeries;
import org.knowm.xchart.internal.series.Series;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.PieStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.Circle;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.None;
import org.knowm.xchart.style.theme.AbstractBaseTheme;

/**
 * The one house style of every chart in the course: a light, quiet theme meant to read like a figure in a
 * textbook once it is rendered at 2x (see {@link Images}).
 *
 * <ul>
 *   <li>white background, light grey solid grid lines, no border box around the plot, no tick marks;</li>
 *   <li>the Okabe–Ito palette, which stays distinguishable for the common kinds of colour blindness;</li>
 *   <li>sans-serif text: 15 pt bold title, 13 pt axis titles, 12 pt tick labels and legend;</li>
 *   <li>lines without markers, except for short series (at most {@value #MARKER_MAX_POINTS} points);</li>
 *   <li>the legend inside the plot, and no legend at all when there is only one series.</li>
 * </ul>
 *
 * <p>The static parts live in this {@link org.knowm.xchart.style.theme.Theme}; the parts that depend on the data
 * (markers, legend) are applied by {@link #finish(Chart)} just before a chart is painted, so they stay right when
 * series are added after the chart was created. Every factory in {@link Charts} uses this style; a chart built
 * some other way can adopt it with {@link #apply(Chart)}.
 */
public final class ChartStyle extends AbstractBaseTheme {

    /** The shared instance: pass it to XChart's chart constructors, e.g. {@code new XYChart(w, h, ChartStyle.THEME)}. */
    public static final ChartStyle THEME = new ChartStyle();

    /** Default chart width in logical pixels (the PNG is {@link Images#SCALE} times larger). */
    public static final int WIDTH = 640;
    /** Default chart height in logical pixels. */
    public static final int HEIGHT = 400;
    /** Line series with at most this many points get markers; longer ones are drawn as plain lines. */
    public static final int MARKER_MAX_POINTS = 30;

    /** Okabe–Ito, reordered so that the first colours are the most distinct; black replaced by a dark grey. */
    private static final Color[] PALETTE = {
            new Color(0x0072B2), // blue
            new Color(0xD55E00), // vermillion
            new Color(0x009E73), // bluish green
            new Color(0xE69F00), // orange
            new Color(0xCC79A7), // reddish purple
            new Color(0x56B4E9), // sky blue
            new Color(0xF0E442), // yellow
            new Color(0x4D4D4D), // dark grey
    };

    /** A sequential single-hue ramp (ColorBrewer "Blues"), light to dark, for heat maps. */
    private static final Color[] SEQUENTIAL = {
            new Color(0xF7FBFF), new Color(0xDEEBF7), new Color(0xC6DBEF), new Color(0x9ECAE1),
            new Color(0x6BAED6), new Color(0x4292C6), new Color(0x2171B5), new Color(0x08519C), new Color(0x08306B),
    };

    static final Color TEXT = new Color(0x222222);
    static final Color TEXT_SOFT = new Color(0x555555);
    static final Color GRID = new Color(0xE3E3E3);
    static final Color REFERENCE_LINE = new Color(0x777777);

    private static final Font BASE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    /** The marker that {@link #finish(Chart)} gives to short series; recognised by identity so it can be undone. */
    private static final Marker AUTO_DOT = new Circle();
    /** The "no marker" that {@link #finish(Chart)} gives to long line series; recognised by identity. */
    private static final Marker AUTO_NONE = new None();

    private ChartStyle() {}

    /** Colour {@code i} of the qualitative palette (cycling). */
    public static Color color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /** A copy of the qualitative palette. */
    public static Color[] palette() {
        return PALETTE.clone();
    }

    /** A copy of the sequential light-to-dark ramp used by heat maps. */
    public static Color[] sequential() {
        return SEQUENTIAL.clone();
    }

    /** {@code color} with the given opacity (0 transparent, 1 opaque). */
    public static Color withAlpha(Color color, double alpha) {
        int a = (int) Math.round(Math.max(0, Math.min(1, alpha)) * 255);
        return new Color(color.getRed(), color.getGreen(), color.getBlue(), a);
    }

    /** True when {@code chart} was created with (or restyled to) this house style. */
    public static boolean isStyled(Chart<?, ?> chart) {
        return chart.getStyler().getTheme() instanceof ChartStyle;
    }

    /**
     * Restyles a chart that was built some other way (e.g. with an XChart builder) in the house style. Settings made
     * on the chart's styler before this call are replaced; series colours that were set by hand are kept.
     */
    public static <C extends Chart<?, ?>> C apply(C chart) {
        if (chart instanceof XYChart xy) {
            xy.getStyler().setTheme(THEME);
        } else if (chart instanceof CategoryChart category) {
            category.getStyler().setTheme(THEME);
        } else if (chart instanceof HeatMapChart heatMap) {
            heatMap.getStyler().setTheme(THEME);
        } else if (chart instanceof PieChart pie) {
            pie.getStyler().setTheme(THEME);
        } else {
            return chart; // other chart kinds (dial, radar, OHLC, box...) keep their own style
        }
        afterTheme(chart);
        return chart;
    }

    /** Settings that the {@link org.knowm.xchart.style.theme.Theme} interface has no hook for. */
    static void afterTheme(Chart<?, ?> chart) {
        Styler styler = chart.getStyler();
        styler.setAntiAlias(true);
        styler.setChartTitleBoxVisible(false);
        if (styler instanceof PieStyler) {
            styler.setLegendPosition(LegendPosition.OutsideE); // inside, it would cover the pie
        }
        if (styler instanceof HeatMapStyler heat) {
            heat.setRangeColors(sequential());
            heat.setLegendPosition(LegendPosition.OutsideE); // the colour bar; XChart only allows E or S
            heat.setDrawBorder(false);
            heat.setValueFont(BASE.deriveFont(11f));
            heat.setValueFontColor(TEXT);
            heat.setGradientColorColumnWeight(14);
            heat.setLegendBorderColor(Color.WHITE);
            heat.setPlotContentSize(1.0);
            heat.setPlotGridLinesVisible(false);
        }
    }

    /**
     * The data-dependent part of the style: markers only on short line series, the legend only when more than one
     * series has an entry, placed in the corner of the plot where it hides the least data, and tidy tick labels.
     * {@link Images} applies it for the duration of each rendering; call this only to paint a chart some other way
     * (e.g. in a Swing window), which keeps the settings.
     */
    public static void finish(Chart<?, ?> chart) {
        prepare(chart);
    }

    /**
     * Applies {@link #finish(Chart)} and returns what undoes the parts that are decided anew for every rendering
     * (legend, tick labels), so that a chart that keeps growing, like a live loss curve, is styled for its current
     * data each time. Does nothing for charts in another style.
     */
    static Runnable prepare(Chart<?, ?> chart) {
        if (!isStyled(chart) || chart instanceof HeatMapChart || chart instanceof PieChart) {
            return () -> {};
        }
        Styler styler = chart.getStyler();
        int inLegend = 0;
        for (Series series : chart.getSeriesMap().values()) {
            if (series.isEnabled() && series.isShowInLegend()) {
                inLegend++;
            }
            if (series instanceof MarkerSeries markerSeries) {
                autoMarker(markerSeries, pointCount(series), isScatter(series));
            }
        }
        boolean legendWas = styler.isLegendVisible();
        LegendPosition positionWas = styler.getLegendPosition();
        styler.setLegendVisible(legendWas && inLegend > 1);
        if (inLegend > 1 && positionWas == LegendPosition.InsideNE) {
            styler.setLegendPosition(LegendPlacement.emptiestCorner(chart));
        }
        Runnable ticks = chart.getStyler() instanceof AxesChartStyler axes ? TickLabels.tidy(chart, axes) : () -> {};
        return () -> {
            styler.setLegendVisible(legendWas);
            styler.setLegendPosition(positionWas);
            ticks.run();
        };
    }

    private static void autoMarker(MarkerSeries series, int points, boolean scatter) {
        Marker current = series.getMarker();
        if (current != null && current != AUTO_DOT && current != AUTO_NONE) {
            return; // chosen by hand
        }
        series.setMarker(scatter || points <= MARKER_MAX_POINTS ? AUTO_DOT : AUTO_NONE);
    }

    private static boolean isScatter(Series series) {
        if (series instanceof XYSeries xy) {
            return xy.getXYSeriesRenderStyle() == XYSeries.XYSeriesRenderStyle.Scatter;
        }
        if (series instanceof CategorySeries category) {
            return category.getChartCategorySeriesRenderStyle() == CategorySeries.CategorySeriesRenderStyle.Scatter;
        }
        return false;
    }

    private static int pointCount(Series series) {
        if (series instanceof XYSeries xy) {
            return xy.getXData().length;
        }
        if (series instanceof CategorySeries category) {
            return category.getXData().size();
        }
        return 0;
    }

    // ---- the theme ----------------------------------------------------------------------------------------------

    @Override
    public Font getBaseFont() {
        return BASE;
    }

    @Override
    public Color getChartFontColor() {
        return TEXT;
    }

    @Override
    public int getChartPadding() {
        return 12;
    }

    @Override
    public Color[] getSeriesColors() {
        return palette();
    }

    @Override
    public Marker[] getSeriesMarkers() {
        return new Marker[] {AUTO_DOT};
    }

    @Override
    public BasicStroke[] getSeriesLines() {
        return new BasicStroke[] {new BasicStroke(2.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)};
    }

    @Override
    public int getMarkerSize() {
        return 7;
    }

    @Override
    public Font getChartTitleFont() {
        return BASE.deriveFont(Font.BOLD, 15f);
    }

    @Override
    public boolean isChartTitleBoxVisible() {
        return false;
    }

    @Override
    public int getChartTitlePadding() {
        return 10;
    }

    @Override
    public Font getLegendFont() {
        return BASE;
    }

    @Override
    public Color getLegendBackgroundColor() {
        return new Color(255, 255, 255, 225);
    }

    @Override
    public Color getLegendBorderColor() {
        return new Color(0xDDDDDD);
    }

    @Override
    public int getLegendPadding() {
        return 8;
    }

    @Override
    public int getLegendSeriesLineLength() {
        return 20;
    }

    @Override
    public LegendPosition getLegendPosition() {
        return LegendPosition.InsideNE;
    }

    @Override
    public Font getAxisTitleFont() {
        return BASE.deriveFont(13f);
    }

    @Override
    public Font getAxisTickLabelsFont() {
        return BASE;
    }

    @Override
    public Color getAxisTickLabelsColor() {
        return TEXT_SOFT;
    }

    @Override
    public Color getAxisTickMarksColor() {
        return GRID;
    }

    @Override
    public boolean isAxisTicksMarksVisible() {
        return false;
    }

    @Override
    public boolean isAxisTicksLineVisible() {
        return false;
    }

    @Override
    public int getAxisTickPadding() {
        return 6;
    }

    @Override
    public int getAxisTitlePadding() {
        return 8;
    }

    @Override
    public int getXAxisTickMarkSpacingHint() {
        return 80;
    }

    @Override
    public int getYAxisTickMarkSpacingHint() {
        return 50;
    }

    @Override
    public Color getPlotBackgroundColor() {
        return Color.WHITE;
    }

    @Override
    public boolean isPlotBorderVisible() {
        return false;
    }

    @Override
    public Color getPlotBorderColor() {
        return GRID;
    }

    @Override
    public boolean isPlotTicksMarksVisible() {
        return false;
    }

    @Override
    public Color getPlotGridLinesColor() {
        return GRID;
    }

    @Override
    public BasicStroke getPlotGridLinesStroke() {
        return new BasicStroke(1.0f);
    }

    @Override
    public int getPlotMargin() {
        return 0;
    }

    @Override
    public double getPlotContentSize() {
        return 0.94;
    }

    @Override
    public double getAvailableSpaceFill() {
        return 0.8;
    }

    @Override
    public Font getAnnotationTextFont() {
        return BASE.deriveFont(11f);
    }

    @Override
    public Color getAnnotationTextFontColor() {
        return TEXT_SOFT;
    }

    @Override
    public BasicStroke getAnnotationLineStroke() {
        return new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
    }

    @Override
    public Color getAnnotationLineColor() {
        return REFERENCE_LINE;
    }

    @Override
    public Font getPieFont() {
        return BASE;
    }

    @Override
    public Font getSumFont() {
        return BASE.deriveFont(Font.BOLD, 13f);
    }

    @Override
    public Color getErrorBarsColor() {
        return TEXT_SOFT;
    }
}
