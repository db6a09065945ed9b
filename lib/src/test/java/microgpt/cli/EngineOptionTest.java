package microgpt.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import microgpt.ReferenceFiles;
import microgpt.io.Checkpoint;
import microgpt.train.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code --engine}: fast is the default, and both engines print the same run, sample and evaluate the same. */
class EngineOptionTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    /** Runs the command and returns its output without the last, timed, summary line of train. */
    List<String> run(String... args) {
        console.reset();
        assertEquals(0, Main.run(args), String.join(" ", args) + ": " + console.stderr());
        List<String> lines = new ArrayList<>(console.stdout().lines().toList());
        if (!lines.isEmpty() && lines.get(lines.size() - 1).startsWith("done: ")) {
            String summary = lines.remove(lines.size() - 1);
            lines.add(summary.replaceAll("in [0-9.]+ s wall \\| [0-9.]+ ms/step \\| [0-9,]+ tokens/s", "(time)"));
        }
        return lines;
    }

    @Test
    void theDefaultRunIsTheFastEngineAndPrintsTheReferenceRun() {
        List<String> lines = run("train");
        assertEquals(List.of("num docs: 32033", "vocab size: 27", "num params: 4192"), lines.subList(0, 3));
        List<String> losses = ReferenceFiles.lines("reference-losses-1000.txt");
        for (String line : losses) {
            String[] parts = line.trim().split("\\s+");
            int step = Integer.parseInt(parts[0]);
            assertEquals(String.format("step %4d / 1000 | loss %s", step, Format.fixed(Double.parseDouble(parts[1]), 4)),
                    lines.get(2 + step), "step " + step);
        }
        List<String> samples = ReferenceFiles.lines("reference-samples-20.txt");
        assertEquals("--- samples (temperature 0.5) ---", lines.get(1004));
        for (int i = 0; i < 20; i++) {
            assertEquals(String.format("sample %2d: %s", i + 1, samples.get(i)), lines.get(1005 + i));
        }
        assertEquals("done: 1000 steps (time) | mean loss of the last 100 steps 2.2761", lines.get(1025));
        assertEquals(1026, lines.size());
    }

    @Test
    void bothEnginesPrintTheSameRun() {
        String[] args = {"train", "--steps", "60", "--samples", "5", "--n-layer", "2", "--n-embd", "12", "--n-head", "3",
                "--block-size", "8", "--seed", "5", "--eval-every", "30"};
        List<String> fast = run(args);
        List<String> scalar = run(concat(args, "--engine", "scalar"));
        assertEquals(scalar, fast);
        assertEquals(fast, run(concat(args, "--engine", "fast")));
    }

    /** The simd engine's sums differ in the last bits only: a run prints the same to four decimals. */
    @Test
    void theSimdEnginePrintsTheFastEnginesRun() {
        String[] args = {"train", "--steps", "40", "--samples", "3", "--n-layer", "2", "--n-embd", "32", "--batch-size", "4",
                "--eval-every", "20"};
        assertEquals(run(args), run(concat(args, "--engine", "simd")));
    }

    @Test
    void aModelSavedByEitherEngineIsTheSameCheckpoint() {
        Path fast = dir.resolve("fast.mgpt");
        Path scalar = dir.resolve("scalar.mgpt");
        run("train", "--steps", "40", "--samples", "0", "--n-embd", "8", "--n-head", "2", "--save", fast.toString());
        run("train", "--steps", "40", "--samples", "0", "--n-embd", "8", "--n-head", "2", "--save", scalar.toString(), "--engine", "scalar");
        Checkpoint.Contents a = Checkpoint.load(fast);
        Checkpoint.Contents b = Checkpoint.load(scalar);
        assertEquals(b.model().config(), a.model().config());
        assertEquals(40, a.trainedSteps());
        assertArrayEquals(b.model().weights(), a.model().weights(), 0.0);

        List<String> evalFast = run("eval", "--model", fast.toString());
        assertEquals(evalFast, run("eval", "--model", fast.toString(), "--engine", "scalar"));
        assertTrue(evalFast.get(0).matches("loss [0-9]\\.[0-9]{4} over 3203 documents"), evalFast.toString());
        List<String> sampleFast = run("sample", "--model", fast.toString(), "--count", "6", "--seed", "9");
        assertEquals(sampleFast, run("sample", "--model", fast.toString(), "--count", "6", "--seed", "9", "--engine", "scalar"));
    }

    @Test
    void anUnknownEngineIsOneClearLine() {
        console.reset();
        assertEquals(Main.EXIT_BAD_INPUT, Main.run("train", "--engine", "turbo"));
        String e = console.stderr();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.contains("--engine") && e.contains("scalar") && e.contains("fast"), e);
    }

    static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
