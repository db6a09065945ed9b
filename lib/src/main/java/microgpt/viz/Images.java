package microgpt.viz;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import javax.imageio.ImageIO;

import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Turns XChart charts into image bytes without a screen (works with {@code -Djava.awt.headless=true}).
 *
 * <p>PNGs are drawn at {@link #SCALE} times the chart's size, so that a 640x400 chart becomes a sharp 1280x800 image
 * that a notebook shows 640 pixels wide on a high-density screen. Every rendering first applies
 * {@link ChartStyle#finish(Chart)}, the data-dependent part of the house style.
 */
public final class Images {

    /** The scale of {@link #toPng(Chart)}: two image pixels for each logical pixel of the chart. */
    public static final double SCALE = 2.0;

    private static final String SVG_GRAPHICS_CLASS = "de.erichseifert.vectorgraphics2d.svg.SVGProcessor";

    private Images() {}

    /** Paints the chart into a new image {@code scale} times its size. */
    public static BufferedImage toImage(Chart<?, ?> chart, double scale) {
        if (!(scale > 0) || scale > 8) {
            throw new IllegalArgumentException("scale must be in (0, 8], got " + scale);
        }
        Runnable restore = ChartStyle.prepare(chart);
        int width = (int) Math.round(chart.getWidth() * scale);
        int height = (int) Math.round(chart.getHeight() * scale);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.scale(scale, scale);
            chart.paint(g, chart.getWidth(), chart.getHeight());
        } finally {
            g.dispose();
            restore.run();
        }
        return image;
    }

    /** The chart as PNG bytes at {@link #SCALE} (2x). */
    public static byte[] toPng(Chart<?, ?> chart) {
        return toPng(chart, SCALE);
    }

    /** The chart as PNG bytes at the given scale. */
    public static byte[] toPng(Chart<?, ?> chart, double scale) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            ImageIO.write(toImage(chart, scale), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the chart as PNG", e);
        }
        return out.toByteArray();
    }

    /** The 2x PNG, Base64-encoded, as Jupyter's {@code image/png} output wants it. */
    public static String toPngBase64(Chart<?, ?> chart) {
        return Base64.getEncoder().encodeToString(toPng(chart));
    }

    /** Writes the 2x PNG to {@code file}, creating its parent folders. */
    public static Path savePng(Chart<?, ?> chart, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, toPng(chart));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
        return file;
    }

    /**
     * True when SVG output is possible. XChart draws SVG with the VectorGraphics2D library, which its POM declares
     * optional: it is on the class path when Maven 3 resolves XChart (Maven 3 ignores "optional" in dependency
     * management), but a build that drops it still works, only without SVG.
     */
    public static boolean svgAvailable() {
        try {
            Class.forName(SVG_GRAPHICS_CLASS, false, Images.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * The chart as an SVG document (vector, at the chart's logical size).
     *
     * @throws UnsupportedOperationException when VectorGraphics2D is not on the class path (see {@link #svgAvailable()})
     */
    public static String toSvg(Chart<?, ?> chart) {
        if (!svgAvailable()) {
            throw new UnsupportedOperationException("SVG needs de.erichseifert.vectorgraphics2d:VectorGraphics2D on the class path");
        }
        Runnable restore = ChartStyle.prepare(chart);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            writeSvg(chart, out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the chart as SVG", e);
        } finally {
            restore.run();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void writeSvg(Chart<?, ?> chart, OutputStream out) throws IOException {
        VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsFormat.SVG);
    }
}
