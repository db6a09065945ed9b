package microgpt.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;

import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.None;
import org.knowm.xchart.style.theme.AbstractBaseTheme;

/**
 * The one house style of every chart in the course, as an XChart theme: white background, light grey grid, no
 * plot border or tick marks, the Okabe–Ito palette (readable with the common kinds of colour blindness), sans-serif
 * text (15 pt bold title, 13 pt axis titles, 12 pt ticks and legend), lines without markers. Every factory in
 * {@link Charts} builds its chart with {@link #THEME}; anything data-dependent is fixed by the factory itself.
 */
public final class ChartStyle extends AbstractBaseTheme {

    /** The shared instance: pass it to XChart's chart constructors, e.g. {@code new XYChart(w, h, ChartStyle.THEME)}. */
    public static final ChartStyle THEME = new ChartStyle();

    /** Default chart width in logical pixels (the PNG is {@link Images#SCALE} times larger). */
    public static final int WIDTH = 640;
    /** Default chart height in logical pixels. */
    public static final int HEIGHT = 400;

    /** Okabe–Ito, reordered so that the first colours are the most distinct; black replaced by a dark grey. */
    private static final Color[] PALETTE = {
            new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xE69F00),
            new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xF0E442), new Color(0x4D4D4D),
    };

    /** A sequential single-hue ramp (ColorBrewer "Blues"), light to dark, for heat maps. */
    private static final Color[] SEQUENTIAL = {
            new Color(0xF7FBFF), new Color(0xDEEBF7), new Color(0xC6DBEF), new Color(0x9ECAE1),
            new Color(0x6BAED6), new Color(0x4292C6), new Color(0x2171B5), new Color(0x08519C), new Color(0x08306B),
    };

    static final Color TEXT = new Color(0x222222);
    static final Color TEXT_SOFT = new Color(0x555555);
    static final Color GRID = new Color(0xE3E3E3);
    static final Font BASE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private ChartStyle() {}

    /** Colour {@code i} of the qualitative palette (cycling). */
    public static Color color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
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

    // ---- the theme: only what differs from XChart's base theme ----------------------------------------------------

    @Override public Font getBaseFont() { return BASE; }
    @Override public Color getChartFontColor() { return TEXT; }
    @Override public int getChartPadding() { return 12; }
    @Override public Color[] getSeriesColors() { return PALETTE.clone(); }
    @Override public Marker[] getSeriesMarkers() { return new Marker[] {new None()}; }
    @Override public int getMarkerSize() { return 7; }
    @Override public Font getChartTitleFont() { return BASE.deriveFont(Font.BOLD, 15f); }
    @Override public boolean isChartTitleBoxVisible() { return false; }
    @Override public int getChartTitlePadding() { return 10; }
    @Override public Font getLegendFont() { return BASE; }
    @Override public Color getLegendBackgroundColor() { return new Color(255, 255, 255, 225); }
    @Override public Color getLegendBorderColor() { return new Color(0xDDDDDD); }
    @Override public int getLegendPadding() { return 8; }
    @Override public int getLegendSeriesLineLength() { return 20; }
    @Override public LegendPosition getLegendPosition() { return LegendPosition.InsideNE; }
    @Override public Font getAxisTitleFont() { return BASE.deriveFont(13f); }
    @Override public Font getAxisTickLabelsFont() { return BASE; }
    @Override public Color getAxisTickLabelsColor() { return TEXT_SOFT; }
    @Override public boolean isAxisTicksMarksVisible() { return false; }
    @Override public boolean isAxisTicksLineVisible() { return false; }
    @Override public int getAxisTickPadding() { return 6; }
    @Override public int getAxisTitlePadding() { return 8; }
    @Override public Color getPlotBackgroundColor() { return Color.WHITE; }
    @Override public boolean isPlotBorderVisible() { return false; }
    @Override public boolean isPlotTicksMarksVisible() { return false; }
    @Override public Color getPlotGridLinesColor() { return GRID; }
    @Override public BasicStroke getPlotGridLinesStroke() { return new BasicStroke(1.0f); }
    @Override public int getPlotMargin() { return 0; }
    @Override public double getPlotContentSize() { return 0.94; }
    @Override public Font getAnnotationTextFont() { return BASE.deriveFont(11f); }
    @Override public Color getAnnotationTextFontColor() { return TEXT_SOFT; }
    @Override public Color getAnnotationLineColor() { return new Color(0x777777); }

    @Override
    public BasicStroke[] getSeriesLines() {
        return new BasicStroke[] {new BasicStroke(2.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)};
    }

    @Override
    public BasicStroke getAnnotationLineStroke() {
        return new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
    }
}
