package microgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import microgpt.train.Format;
import microgpt.train.ProgressPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    int run(String... args) {
        console.reset();
        return Main.run(args);
    }

    List<String> stdout() {
        return console.stdout().lines().toList();
    }

    String stderr() {
        return console.stderr();
    }

    @Test
    void trainPrintsTheReferenceHeaderStepsSamplesAndOneSummaryLine() {
        assertEquals(0, run("train", "--steps", "20", "--samples", "3"));
        List<String> lines = stdout();
        assertEquals(List.of("num docs: 32033", "vocab size: 27", "num params: 4192"), lines.subList(0, 3));
        assertEquals("step    1 /   20 | loss 3.3660", lines.get(3));
        assertEquals(20, lines.stream().filter(l -> l.startsWith("step ")).count(), "one line per step off a terminal");
        assertTrue(lines.stream().anyMatch(l -> l.matches("sample  1: [a-z]+")), lines.toString());
        String summary = lines.get(lines.size() - 1);
        assertTrue(summary.matches("done: 20 steps in [0-9.]+ s wall \\| [0-9.]+ ms/step \\| [0-9,]+ tokens/s \\| mean loss of the last 20 steps [0-9]\\.[0-9]{4}"), summary);
        assertEquals("", stderr());
    }

    @Test
    void saveThenSampleAndEval() {
        Path model = dir.resolve("m.mgpt");
        assertEquals(0, run("train", "--steps", "30", "--samples", "0", "--save", model.toString(), "--n-embd", "8", "--n-head", "2"));
        assertTrue(stdout().contains("saved model to " + model));
        assertEquals(0, run("sample", "--model", model.toString(), "--count", "4", "--seed", "3"));
        List<String> first = stdout();
        assertEquals(4, first.size());
        assertTrue(first.get(0).startsWith("sample  1: "), first.toString());
        assertEquals(0, run("sample", "--model", model.toString(), "--count", "4", "--seed", "3"));
        assertEquals(first, stdout(), "the same seed samples the same names");
        assertEquals(0, run("eval", "--model", model.toString()));
        assertTrue(stdout().get(0).matches("loss [0-9]\\.[0-9]{4} over 3203 documents"), stdout().toString());
    }

    @Test
    void helpWorksEverywhere() {
        for (String[] args : new String[][] {{"--help"}, {"train", "--help"}, {"sample", "--help"}, {"eval", "--help"}, {"--version"}}) {
            assertEquals(0, run(args), String.join(" ", args));
            assertFalse(stdout().isEmpty(), String.join(" ", args));
        }
        run("train", "--help");
        assertTrue(console.stdout().contains("--n-embd"));
    }

    void assertOneClearLine(String expectedPart, String... args) {
        console.assertOneClearLine(expectedPart, args);
    }

    @Test
    void badFlagsAndValuesGetOneLineAndStatusTwo() {
        assertOneClearLine("Unknown option: '--stepz'", "train", "--stepz");
        assertOneClearLine("'--steps'", "train", "--steps", "many");
        assertOneClearLine("number of steps must be positive, got 0", "train", "--steps", "0");
        assertOneClearLine("learning rate must be a positive number, got -0.1", "train", "--lr", "-0.1");
        assertOneClearLine("temperature must be a positive number, got 0.0", "train", "--temperature", "0");
        assertOneClearLine("temperature must be a positive number, got -1.0", "sample", "--model", "x", "--temperature", "-1");
        assertOneClearLine("n_embd (10) must be divisible by n_head (4)", "train", "--n-embd", "10");
        assertOneClearLine("n_layer must be a positive integer, got 0", "train", "--n-layer", "0");
        assertOneClearLine("n_embd must be a positive integer, got -16", "train", "--n-embd", "-16");
        assertOneClearLine("block_size must be a positive integer, got 0", "train", "--block-size", "0");
        assertOneClearLine("--samples must be 0 or more", "train", "--samples", "-1");
        assertOneClearLine("number of samples must be positive, got 0", "sample", "--model", "x", "--count", "0");
        assertOneClearLine("Missing required option: '--model=FILE'", "sample");
        assertOneClearLine("Unmatched argument", "fly");
    }

    @Test
    void badFilesGetOneLineAndStatusTwo() throws IOException {
        assertOneClearLine("does not exist", "train", "--data", dir.resolve("missing.txt").toString());
        assertOneClearLine("is empty", "train", "--data", Files.writeString(dir.resolve("empty.txt"), "").toString());
        assertOneClearLine("has only blank lines", "train", "--data", Files.writeString(dir.resolve("blank.txt"), "\n  \n").toString());
        Path latin1 = Files.write(dir.resolve("latin1.txt"), "zo\u00eb\n".getBytes(StandardCharsets.ISO_8859_1));
        assertOneClearLine("is not valid UTF-8", "train", "--data", latin1.toString());
        assertOneClearLine("does not exist", "sample", "--model", dir.resolve("none.mgpt").toString());
        Path garbage = Files.writeString(dir.resolve("garbage.mgpt"), "hello");
        assertOneClearLine("not a microgpt checkpoint", "sample", "--model", garbage.toString());

        Path model = dir.resolve("m.mgpt");
        assertEquals(0, run("train", "--steps", "2", "--samples", "0", "--save", model.toString()));
        Path accents = Files.writeString(dir.resolve("accents.txt"), "anna\nzoë\n");
        assertOneClearLine("'ë' (U+00EB) is not in the model's vocabulary", "eval", "--model", model.toString(), "--data", accents.toString());
    }

    @Test
    void trainsOnAnyUtf8File() throws IOException {
        Path data = Files.writeString(dir.resolve("words.txt"), "héllo\nwörld\nhello\nworld\n");
        assertEquals(0, run("train", "--data", data.toString(), "--steps", "5", "--samples", "2", "--seed", "1"));
        assertEquals("num docs: 4", stdout().get(0));
        assertEquals("vocab size: 10", stdout().get(1), "d e h l o r w é ö, plus BOS");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void progressIsOneLineInPlaceOnATerminalAndALinePerStepOtherwise(boolean terminal) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ProgressPrinter printer = new ProgressPrinter(new PrintStream(buffer, true, StandardCharsets.UTF_8), terminal);
        for (int step = 1; step <= 50; step++) {
            printer.onStep(new microgpt.train.StepResult(step, 50, 3.0, 0.01, 1000, 16));
        }
        printer.onFinish(new microgpt.train.TrainingHistory());
        String text = buffer.toString(StandardCharsets.UTF_8);
        if (terminal) {
            assertEquals(1, text.chars().filter(c -> c == '\n').count(), "one line, rewritten with carriage returns");
            assertTrue(text.contains("\rstep   50 /   50 | loss 3.0000"), text);
            assertTrue(text.chars().filter(c -> c == '\r').count() < 50, "redraws are throttled");
        } else {
            assertEquals(50, text.lines().count());
            assertFalse(text.contains("\r"));
        }
    }

    @Test
    void aFailingStdoutStopsTrainingWithStatusFour() {
        java.io.OutputStream broken = new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        System.setOut(new PrintStream(broken, true, StandardCharsets.UTF_8));
        long start = System.nanoTime();
        assertEquals(Main.EXIT_OUTPUT_FAILED, Main.run("train", "--steps", "100000"));
        assertTrue(System.nanoTime() - start < 20e9, "stopped at the first line, not after 100,000 steps");
        assertEquals(1, stderr().lines().count(), stderr());
        assertTrue(stderr().startsWith("microgpt: cannot write to standard output"), stderr());
    }

    @Test
    void pythonStyleRounding() {
        assertEquals("3.3660", Format.fixed(3.36604, 4));
        assertEquals("0.1250", Format.fixed(0.125, 4));
        assertEquals("0.12", Format.fixed(0.125, 2), "exact ties round to even, as Python does");
        assertEquals("nan", Format.fixed(Double.NaN, 4));
    }
}
