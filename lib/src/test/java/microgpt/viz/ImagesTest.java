package microgpt.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

class ImagesTest {

    static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, "the bytes are not a PNG that ImageIO can read");
        return image;
    }

    private static XYChart sample() {
        XYChart chart = Charts.line("t", "x", "y");
        Charts.addLine(chart, "a", new double[] {1, 3, 2, 4});
        return chart;
    }

    @Test
    void runsHeadless() {
        assertTrue(GraphicsEnvironment.isHeadless(), "tests must run with -Djava.awt.headless=true");
    }

    @Test
    void pngIsTwiceTheChartSize() throws IOException {
        XYChart chart = sample();
        BufferedImage image = decode(Images.toPng(chart));
        assertEquals(2 * chart.getWidth(), image.getWidth());
        assertEquals(2 * chart.getHeight(), image.getHeight());
        assertEquals(1280, image.getWidth());
        assertEquals(800, image.getHeight());
    }

    @Test
    void imagesAtOtherScales() {
        assertEquals(640, Images.toImage(sample(), 1).getWidth());
        assertEquals(1920, Images.toImage(sample(), 3).getWidth());
        assertThrows(IllegalArgumentException.class, () -> Images.toImage(sample(), 0));
    }

    @Test
    void base64DecodesToTheSamePng() throws IOException {
        byte[] png = Base64.getDecoder().decode(Images.toPngBase64(sample()));
        assertEquals(1280, decode(png).getWidth());
    }

    @Test
    void backgroundIsWhite() throws IOException {
        BufferedImage image = decode(Images.toPng(sample()));
        assertEquals(0xFFFFFF, image.getRGB(2, 2) & 0xFFFFFF);
        assertEquals(0xFFFFFF, image.getRGB(image.getWidth() - 3, image.getHeight() - 3) & 0xFFFFFF);
    }

    @Test
    void theFirstSeriesIsDrawnInThePalettesFirstColour() throws IOException {
        BufferedImage image = decode(Images.toPng(sample()));
        int blue = ChartStyle.color(0).getRGB() & 0xFFFFFF;
        long pixels = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                pixels += (image.getRGB(x, y) & 0xFFFFFF) == blue ? 1 : 0;
            }
        }
        assertTrue(pixels > 500, "pixels of the line in Okabe-Ito blue: " + pixels);
    }

    @Test
    void savePngCreatesFolders(@TempDir Path dir) throws IOException {
        Path file = Images.savePng(sample(), dir.resolve("a/b/chart.png"));
        assertEquals(1280, decode(Files.readAllBytes(file)).getWidth());
    }

    @Test
    void emptyChartsStillRender() throws IOException {
        assertEquals(1280, decode(Images.toPng(Charts.lossCurve(new microgpt.train.TrainingHistory()))).getWidth());
        assertFalse(Charts.line("empty", "x", "y").getSeriesMap().size() > 0);
    }
}
