package microgpt.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import microgpt.viz.Charts;
import microgpt.viz.Images;
import microgpt.viz.Samples;
import microgpt.viz.Tables;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RenderersTest {

    @AfterEach
    void pngOnly() {
        Renderers.setSvgCharts(false);
    }

    @Test
    void mimeTypesPerKind() {
        assertEquals(List.of("image/png", "text/plain"),
                List.copyOf(Renderers.render(Charts.line("t", "x", "y", new double[] {1, 2})).data().keySet()));
        assertEquals(List.of("text/html", "text/plain"),
                List.copyOf(Renderers.render(Tables.of(Samples.report())).data().keySet()));
        assertEquals(List.of("text/html", "text/plain"), List.copyOf(Renderers.render(Samples.report()).data().keySet()));
        assertEquals(List.of("image/png", "text/plain"),
                List.copyOf(Renderers.render(Samples.history(10, 0)).data().keySet()));
        assertNull(Renderers.render("just a string"));
        assertFalse(Renderers.supports(42));
    }

    @Test
    void svgCanBeSwitchedOn() {
        Renderers.setSvgCharts(true);
        MimeBundle bundle = Renderers.render(Charts.line("t", "x", "y", new double[] {1, 2}));
        assertEquals(Images.svgAvailable(), bundle.has(MimeBundle.IMAGE_SVG));
        assertTrue(bundle.has(MimeBundle.IMAGE_PNG));
    }

    @Test
    void wantedTypesLimitTheWork() {
        MimeBundle bundle = Renderers.render(Charts.line("t", "x", "y", new double[] {1}), "text/plain"::equals);
        assertEquals(List.of("text/plain"), List.copyOf(bundle.data().keySet()));
    }
}
