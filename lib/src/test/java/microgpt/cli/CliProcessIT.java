package microgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import microgpt.data.Tokenizer;
import microgpt.io.Checkpoint;
import microgpt.nn.Gpt;
import microgpt.nn.GptConfig;
import microgpt.random.PythonRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real command line, run as a process from the built jar (java -Xmx256m -jar microgpt.jar):
 * each failure of issue 11 ends with its documented exit status and, on stderr, exactly one line
 * and no stack trace (or nothing at all, for a reader that closed the pipe).
 */
class CliProcessIT {

    private static final String HEAP = "-Xmx256m"; // a fixed heap, so the memory limits do not depend on the machine

    @TempDir
    Path dir;

    record Result(int status, String stdout, String stderr) {}

    private ProcessBuilder command(String... args) {
        String jar = System.getProperty("microgpt.jar", "target/microgpt.jar");
        assertTrue(Files.isRegularFile(Path.of(jar)), "build the jar first: " + jar);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP, "-jar", jar));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(dir.toFile());
    }

    /** Runs to the end with stdout to a file (or {@code stdout} if given), at most a minute. */
    private Result run(File stdout, String... args) throws IOException, InterruptedException {
        File out = stdout != null ? stdout : dir.resolve("stdout.txt").toFile();
        File err = dir.resolve("stderr.txt").toFile();
        Process p = command(args).redirectOutput(out).redirectError(err).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running after 60 s: " + String.join(" ", args));
        String text = stdout == null ? Files.readString(out.toPath()) : "";
        return new Result(p.exitValue(), text, Files.readString(err.toPath()));
    }

    private Result run(String... args) throws IOException, InterruptedException {
        return run(null, args);
    }

    /** Runs, reads stdout until a line starting with {@code until} (or {@code lines} lines), then closes it as `| head` does. */
    private Result runAndCloseStdout(String until, int lines, String... args) throws IOException, InterruptedException {
        File err = dir.resolve("stderr.txt").toFile();
        Process p = command(args).redirectError(err).start();
        StringBuilder seen = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (int i = 0; i < lines; i++) {
                String line = reader.readLine();
                if (line == null) {
                    break;
                }
                seen.append(line).append('\n');
                if (until != null && line.startsWith(until)) {
                    break;
                }
            }
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "did not stop after its stdout closed: " + String.join(" ", args));
        return new Result(p.exitValue(), seen.toString(), Files.readString(err.toPath()));
    }

    /** The status, and exactly one line on stderr with the expected part and no stack trace. */
    private static void assertOneLine(Result r, int status, String expectedPart) {
        assertEquals(1, r.stderr().lines().count(), "exactly one line on stderr: " + r.stderr());
        assertTrue(r.stderr().contains(expectedPart), "'" + r.stderr().strip() + "' should contain '" + expectedPart + "'");
        assertFalse(r.stderr().contains("Exception") || r.stderr().contains("\tat "), "no stack trace: " + r.stderr());
        assertEquals(status, r.status(), r.stderr());
    }

    @Test
    void sizesBeyondMemoryAreRefusedBeforeAllocating() throws Exception {
        assertOneLine(run("train", "--block-size", "32768"), 2, "do not fit in one Java array");
        assertOneLine(run("train", "--block-size", "10000"), 2, "a model may take in this JVM");
        assertOneLine(run("train", "--n-embd", "8192"), 2, "the fast engine needs about");
        assertOneLine(run("train", "--n-layer", "100000"), 2, "the fast engine needs about");
        assertOneLine(run("train", "--engine", "scalar", "--block-size", "1000"), 2, "the scalar engine needs about");
        assertEquals("", run("train", "--n-layer", "100000").stdout(), "refused before the data is even read");

        // A checkpoint of 96 KB whose header claims a context of 12,000 positions.
        Path model = dir.resolve("wide.mgpt");
        GptConfig config = new GptConfig(1, 1, 1, 12000, 2);
        Checkpoint.save(model, new Gpt(config, new PythonRandom(1)), new Tokenizer(new int[] {'a'}), 0);
        assertTrue(Files.size(model) < 100_000, "small on disk: " + Files.size(model));
        assertOneLine(run("sample", "--model", model.toString()), 2, "holds a model too large for this JVM");
    }

    @Test
    void theSimdEngineWithoutTheVectorModuleIsOneLineBeforeAnyWork() throws Exception {
        Result refused = run("train", "--engine", "simd");
        assertOneLine(refused, 2, "the simd engine needs the JDK's Vector API");
        assertTrue(refused.stderr().contains("--add-modules jdk.incubator.vector"), refused.stderr());
        assertEquals("", refused.stdout(), "refused before the data is even read");
        // Without C2 every vector would be an object: many times slower than the fast engine, so refused too.
        String jar = System.getProperty("microgpt.jar", "target/microgpt.jar");
        Process c1 = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-XX:TieredStopAtLevel=1", "--add-modules", "jdk.incubator.vector", "-jar", jar, "train", "--engine", "simd")
                .directory(dir.toFile()).redirectOutput(dir.resolve("o.txt").toFile()).redirectError(dir.resolve("e.txt").toFile()).start();
        assertTrue(c1.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, c1.exitValue());
        String c1Error = Files.readString(dir.resolve("e.txt"));
        assertTrue(c1Error.contains("needs the JIT's optimizing compiler") && !c1Error.contains("\tat "), c1Error);
        assertEquals("", Files.readString(dir.resolve("o.txt")));

        // With the module (what bin/microgpt passes) it trains; the JVM itself warns about the incubator module.
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "--add-modules", "jdk.incubator.vector", "-jar", jar, "train", "--engine", "simd", "--steps", "20", "--samples", "2")
                .directory(dir.toFile()).redirectOutput(dir.resolve("o.txt").toFile()).redirectError(dir.resolve("e.txt").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("e.txt")));
        assertTrue(Files.readString(dir.resolve("o.txt")).contains("done: 20 steps"), Files.readString(dir.resolve("o.txt")));
    }

    @Test
    void saveNeverDestroysDataAndFailsBeforeTraining() throws Exception {
        Path data = Files.writeString(dir.resolve("victim.txt"), "anna\nbob\ncarla\ndave\n");
        assertOneLine(run("train", "--data", data.toString(), "--save", data.toString()), 2, "it is the training data file");
        assertEquals("anna\nbob\ncarla\ndave\n", Files.readString(data), "the data is untouched");

        Path link = Files.createSymbolicLink(dir.resolve("link.mgpt"), data);
        assertOneLine(run("train", "--steps", "2", "--save", link.toString()), 2, "is a symbolic link");
        assertTrue(Files.isSymbolicLink(link));
        assertOneLine(run("train", "--steps", "2", "--save", "/dev/null"), 2, "a special file");
        Result directory = run("train", "--steps", "100000", "--save", Files.createDirectory(dir.resolve("out")).toString());
        assertOneLine(directory, 2, "it is a directory");
        assertEquals("", directory.stdout(), "refused before training, not after 100,000 steps");
        Result unwritable = run("train", "--steps", "100000", "--save", data.resolve("m.mgpt").toString());
        assertOneLine(unwritable, 2, "cannot create");
        assertEquals("", unwritable.stdout());
    }

    @Test
    void saveReplacesALeftoverTemporaryFileAndHappensBeforeSampling() throws Exception {
        Path model = dir.resolve("m.mgpt");
        Files.writeString(dir.resolve("m.mgpt.tmp"), "left by a killed run");
        // Close stdout once the model is saved: sampling a million names then fails on a closed pipe.
        Result r = runAndCloseStdout("saved model to", 100, "train", "--steps", "5", "--samples", "1000000", "--save", model.toString());
        assertTrue(r.stdout().contains("saved model to " + model), r.stdout());
        assertEquals(Main.EXIT_OUTPUT_CLOSED, r.status(), r.stderr());
        assertEquals("", r.stderr(), "a closed pipe ends quietly");
        assertEquals(5, Checkpoint.load(model).trainedSteps(), "the model was saved before the failure");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".tmp")).toList(), "no temporary file is left");
        }
    }

    @Test
    void divergenceStopsAtOnceAndWritesNothing() throws Exception {
        Path model = dir.resolve("m.mgpt");
        Result r = run("train", "--lr", "1", "--steps", "200", "--save", model.toString());
        assertOneLine(r, 2, "training diverged at step 2 of 200");
        assertTrue(r.stderr().contains("learning rate 1.0 is most likely too large"), r.stderr());
        assertEquals(1, r.stdout().lines().filter(l -> l.startsWith("step ")).count(), "stopped at step 2: " + r.stdout());
        assertFalse(Files.exists(model), "no checkpoint of a diverged model");
        try (var files = Files.list(dir)) {
            assertEquals(0, files.filter(f -> f.getFileName().toString().startsWith("m.mgpt")).count());
        }
    }

    @Test
    void everyOtherFailureIsOneLineWithItsStatus() throws Exception {
        assertOneLine(run("train", "--temperature", "1e-310"), 2, "the temperature 1.0E-310 is too small");
        assertOneLine(run("train", "--data", "/dev/zero"), 2, "goes on past 64 MiB");
        Path huge = dir.resolve("huge.txt");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(3L << 30); // 3 GiB, sparse: nothing is written
        }
        assertOneLine(run("train", "--data", huge.toString()), 2, "is 3072.0 MiB; microgpt reads at most 64 MiB");

        // 40 MB of text fits the 64 MiB limit but not a 64 MB heap: a real OutOfMemoryError, caught.
        byte[] random = new byte[30_000_000];
        new Random(42).nextBytes(random);
        Path big = Files.write(dir.resolve("big.txt"), Base64.getMimeEncoder().encode(random));
        List<String> cmd = new ArrayList<>(command("train", "--steps", "1", "--data", big.toString()).command());
        cmd.set(1, "-Xmx64m");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(dir.resolve("o.txt").toFile())
                .redirectError(dir.resolve("e.txt").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertOneLine(new Result(p.exitValue(), "", Files.readString(dir.resolve("e.txt"))), Main.EXIT_OUT_OF_MEMORY, "out of memory");
    }

    @Test
    void aHugeCountStreamsAndStopsWhenTheReaderDoes() throws Exception {
        Path model = dir.resolve("m.mgpt");
        assertEquals(0, run("train", "--steps", "3", "--samples", "0", "--save", model.toString()).status());
        Result r = runAndCloseStdout(null, 3, "sample", "--model", model.toString(), "--count", "2147483647");
        assertEquals(3, r.stdout().lines().count(), "samples arrive at once, not after 2^31 of them are buffered");
        assertTrue(r.stdout().startsWith("sample  1: "), r.stdout());
        assertEquals(Main.EXIT_OUTPUT_CLOSED, r.status(), r.stderr());
        assertEquals("", r.stderr());
    }

    @Test
    void writeErrorsStopWithAStatus() throws Exception {
        File full = new File("/dev/full");
        assumeTrue(full.exists(), "needs Linux's /dev/full");
        assertOneLine(run(full, "train", "--steps", "3"), Main.EXIT_OUTPUT_FAILED, "cannot write to standard output (No space left on device)");
        assertOneLine(run(full, "--help"), Main.EXIT_OUTPUT_FAILED, "cannot write to standard output");

        long start = System.nanoTime();
        Result r = runAndCloseStdout(null, 1, "train", "--steps", "1000000"); // as `train | head -1`
        assertEquals(Main.EXIT_OUTPUT_CLOSED, r.status(), r.stderr());
        assertEquals("", r.stderr());
        assertTrue(System.nanoTime() - start < 30e9, "stopped at once instead of training on");
    }

    @Test
    void helpDocumentsTheExitStatuses() throws Exception {
        Result r = run("--help");
        assertEquals(0, r.status());
        assertTrue(r.stdout().contains("Exit status:"), r.stdout());
        for (String status : new String[] {"0 +done", "1 +internal error", "2 +bad input", "3 +out of memory", "4 +standard output failed",
                "141 +standard output was closed"}) {
            assertTrue(r.stdout().lines().anyMatch(l -> l.strip().matches(status + ".*")), status + " in\n" + r.stdout());
        }
    }
}
