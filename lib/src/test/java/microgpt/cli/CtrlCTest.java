package microgpt.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import microgpt.data.Dataset;
import microgpt.data.TrainingData;
import microgpt.io.Checkpoint;
import microgpt.nn.GptConfig;
import microgpt.nn.LanguageModel;
import microgpt.random.PythonRandom;
import microgpt.train.StepResult;
import microgpt.train.TrainConfig;
import microgpt.train.Trainer;
import microgpt.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C on a real `train` process: it stops at a step boundary, says so, saves, and exits 130. */
class CtrlCTest {

    private static final long STEPS = 1_000_000;

    @Test
    void ctrlCStopsAtAStepBoundarySavesTheModelAndExits130(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "sends SIGINT with kill(1): Linux only");
        Path saved = dir.resolve("interrupted.mgpt");
        Process process = startTrain(saved);
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = drain(process, lines);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lines.stream().noneMatch(l -> l.startsWith("step ")) && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(process.isAlive(), "train died before any progress: " + lines);
            int kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
            assertEquals(0, kill, "kill -INT " + process.pid());
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "train did not stop within 60 s of SIGINT: " + lines);
        } finally {
            process.destroyForcibly();
        }
        reader.join(10_000);

        assertEquals(130, process.exitValue(), lines.toString());
        List<String> steps = lines.stream().filter(l -> l.startsWith("step ")).toList();
        int lastStep = Integer.parseInt(steps.get(steps.size() - 1).replaceAll("^step +(\\d+) .*", "$1"));
        assertTrue(lastStep < STEPS);
        assertTrue(lines.contains("interrupted after " + lastStep + " steps"), lines.toString());
        assertTrue(lines.contains("saved model to " + saved), lines.toString());

        Checkpoint.Contents contents = Checkpoint.load(saved);
        assertEquals(lastStep, contents.trainedSteps());
        assertArrayEquals(weightsAfter(lastStep), contents.model().weights(),
                "the saved weights are those after exactly the last printed step: nothing half-updated");
    }

    /** `java microgpt.cli.Main train ...` on this test's class path, with SIGINT at its default so that the JVM can catch it. */
    private static Process startTrain(Path saved) throws IOException {
        List<String> command = new ArrayList<>();
        if (sigintIgnoredHere()) {
            command.addAll(List.of("env", "--default-signal=INT")); // a child would inherit "ignore" and never see the signal
        }
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "microgpt.cli.Main",
                "train", "--steps", Long.toString(STEPS), "--samples", "0", "--save", saved.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static boolean sigintIgnoredHere() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 1)) != 0; // bit 1 is signal 2, SIGINT
            }
        }
        return false;
    }

    private static Thread drain(Process process, List<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(reading the output failed: " + e + ")");
            }
        });
        reader.start();
        return reader;
    }

    /** The weights of the CLI's default run (fast engine, seed 42) after {@code steps} of its 1,000,000 steps. */
    private static double[] weightsAfter(int steps) {
        PythonRandom rng = new PythonRandom(42);
        TrainingData data = TrainingData.prepare(Dataset.names(), rng);
        LanguageModel model = Engine.fast.create(GptConfig.reference(data.tokenizer().vocabSize()), rng, 2);
        Trainer trainer = new Trainer(model, data.tokenizer(), data.train(), TrainConfig.reference().withSteps((int) STEPS));
        trainer.train(new TrainingListener() {
            @Override
            public void onStep(StepResult result) {
                if (result.step() == steps) {
                    trainer.requestStop();
                }
            }
        });
        assertEquals(steps, trainer.stepsDone());
        return model.weights();
    }
}
