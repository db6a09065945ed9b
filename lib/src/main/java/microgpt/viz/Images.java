package microgpt.viz;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import javax.imageio.ImageIO;

import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Turns XChart charts into PNG bytes without a screen (works with {@code -Djava.awt.headless=true}), drawn at
 * {@link #SCALE} times the chart's size: a 640x400 chart becomes a 1280x800 image that a notebook shows 640 pixels
 * wide, sharp on a high-density screen.
 */
public final class Images {

    /** The scale of {@link #toPng(Chart)}: two image pixels for each logical pixel of the chart. */
    public static final double SCALE = 2.0;

    private Images() {}

    /** Paints the chart into a new image {@code scale} times its size. */
    public static BufferedImage toImage(Chart<?, ?> chart, double scale) {
        if (!(scale > 0) || scale > 8) {
            throw new IllegalArgumentException("Images.toImage: scale must be in (0, 8], got " + scale);
        }
        BufferedImage image = new BufferedImage((int) Math.round(chart.getWidth() * scale),
                (int) Math.round(chart.getHeight() * scale), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.scale(scale, scale);
            chart.paint(g, chart.getWidth(), chart.getHeight());
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The chart as PNG bytes at {@link #SCALE} (2x). */
    public static byte[] toPng(Chart<?, ?> chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            ImageIO.write(toImage(chart, SCALE), "png", out);
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
            return Files.write(file, toPng(chart));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the chart to " + file + ": " + e.getMessage(), e);
        }
    }
}
