package microgpt.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import microgpt.viz.Charts;
import microgpt.viz.Samples;
import microgpt.viz.Tables;

import org.junit.jupiter.api.Test;

class NotebookTest {

    private static String captured(Runnable action) {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void noKernelHere() {
        assertFalse(Notebook.inNotebook());
        assertFalse(Kernel.attached());
        assertNull(Kernel.display("x"));
        assertFalse(Kernel.update("id", "x"));
    }

    @Test
    void showPrintsTextOutsideANotebook() {
        String out = captured(() -> Notebook.show(Charts.line("Loss", "step", "loss", new double[] {1, 2})));
        assertEquals("XYChart \"Loss\" (1 series, 640x400)", out.trim());
        assertTrue(captured(() -> Notebook.show(Samples.report())).startsWith("gradient check: FAIL"));
        assertEquals("42", captured(() -> Notebook.show(42)).trim());
        assertEquals("null", captured(() -> Notebook.show(null)).trim());
        assertTrue(captured(() -> Notebook.show(Tables.of(Samples.history(3, 0)))).contains("training history"));
        assertEquals("<b>hi</b>", captured(() -> Notebook.showHtml("<b>hi</b>")).trim());
    }
}
