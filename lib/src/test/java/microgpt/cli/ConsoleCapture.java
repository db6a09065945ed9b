package microgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Catches what the command line prints to stdout and stderr during a test, and puts the real streams back after. */
final class ConsoleCapture implements BeforeEachCallback, AfterEachCallback {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @Override
    public void beforeEach(ExtensionContext context) {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    /** Forgets what was printed so far. */
    void reset() {
        out.reset();
        err.reset();
    }

    String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Runs the command line and asserts status 2 and exactly one line on stderr, containing {@code expectedPart}, with no stack trace. */
    void assertOneClearLine(String expectedPart, String... args) {
        reset();
        assertEquals(Main.EXIT_BAD_INPUT, Main.run(args), String.join(" ", args));
        String e = stderr();
        assertEquals(1, e.lines().count(), "exactly one line: " + e);
        assertTrue(e.contains(expectedPart), "'" + e.strip() + "' should contain '" + expectedPart + "'");
        assertFalse(e.contains("Exception") || e.contains("\tat "), "no stack trace: " + e);
    }
}
