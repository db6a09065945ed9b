package microgpt.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import microgpt.InvalidInputException;
import microgpt.nn.Gpt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes {@link Checkpoint#load} with crafted files whose CRC-32C is valid, so that every check
 * after the checksum is reached: arbitrary and huge sizes, negative dimensions, configs whose
 * parameter count overflows, truncated and padded bodies, NaN weights, bad characters.
 *
 * <p>The property: loading either gives a consistent model (saving it again gives the same bytes)
 * or throws {@link InvalidInputException} with a one-line message that names the file; never
 * another exception, never an out-of-memory error, and it never allocates more than a bound
 * proportional to the file's size. The files come from {@link FuzzRandom} with seed 42, so every
 * run tests the same ones; a failure names the case's index and describes its file.
 */
class CheckpointFuzzTest {

    private static final long SEED = 42;
    private static final int CRAFTED_FILES = 1500;
    private static final int ROUND_TRIPS = 300;
    private static final String LOADED = "loaded";
    // Refusals that only a file past the checksum and the earlier checks reaches; each must be seen.
    private static final List<String> LATER_REFUSALS = List.of("is damaged: it holds", "holds a non-finite weight",
            "holds an invalid model: the model would have", "is damaged: it says the model was trained for",
            "is damaged: its vocabulary is not a sorted list of distinct characters");

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    @TempDir
    Path dir;

    /** A generated file and what it is made of, to find it again when it fails. */
    record Case(String description, byte[] file) {}

    /** What loading gave: "loaded" and the contents, or the kind of refusal and null. */
    record Outcome(String kind, Checkpoint.Contents contents) {}

    @Test
    void aCraftedFileLoadsAsAConsistentModelOrFailsWithTheOneClearError() throws IOException {
        FuzzRandom cases = new FuzzRandom(SEED);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < CRAFTED_FILES; i++) {
            Case c = craftedFile(cases.split());
            Outcome outcome = checkCase(i, CRAFTED_FILES, c);
            outcomes.merge(outcome.kind(), 1, Integer::sum);
        }
        // The crafted files get past the checksum to every later check, and many load.
        int loaded = outcomes.getOrDefault(LOADED, 0);
        assertTrue(loaded * 100 > 30 * CRAFTED_FILES, "only " + loaded + " of " + CRAFTED_FILES + " loaded: " + outcomes);
        for (String later : LATER_REFUSALS) {
            assertTrue(outcomes.containsKey(later), "no crafted file reached the refusal \"" + later + "\": " + outcomes);
        }
    }

    @Test
    void anUnchangedCheckpointLoadsBackExactly() throws IOException {
        FuzzRandom cases = new FuzzRandom(SEED);
        for (int i = 0; i < ROUND_TRIPS; i++) {
            CheckpointImage image = model(cases.split());
            Outcome outcome = checkCase(i, ROUND_TRIPS, new Case(image.toString(), image.bytes()));
            String where = "case " + i + " of " + ROUND_TRIPS + " (seed " + SEED + "): " + image;
            assertNotNull(outcome.contents(), where + ": a well-formed checkpoint must load, but: " + outcome.kind());
            assertArrayEquals(image.weights(), outcome.contents().model().weights(), where);
        }
    }

    /** A 48-byte file whose config's parameter count overflowed a long to 0: it made the loader allocate gigabytes. */
    @Test
    void aConfigWhoseParameterCountOverflowsIsRefused() throws IOException {
        CheckpointImage image = new CheckpointImage(1, 1 << 30, 1, 4, new int[] {'a'}, 0, new double[0]);
        String message = refused(image.bytes());
        assertTrue(message.contains("parameters"), message);
    }

    /** Its parameter count wrapped to Integer.MIN_VALUE, the weight count it gives: the loader asked for an array of that size. */
    @Test
    void aWeightCountThatMatchesAWrappedParameterCountIsRefused() throws IOException {
        CheckpointImage image = new CheckpointImage(1, 1 << 30, 1, 4, new int[] {'a', 'b'}, 0, new double[0])
                .withWeightCount(Integer.MIN_VALUE);
        assertTrue(refused(image.bytes()).contains("parameters"));
    }

    @Test
    void aNegativeStepCountIsRefused() throws IOException {
        CheckpointImage image = CheckpointImage.of(1, 2, 1, 1, new int[] {'a'}, -5);
        assertTrue(refused(image.bytes()).contains("-5 steps"));
    }

    @Test
    void aConfigTooLargeForAJavaArrayIsRefusedNamingTheFile() throws IOException {
        CheckpointImage image = new CheckpointImage(100_000, 4096, 1, 4, new int[] {'a'}, 0, new double[0]);
        assertTrue(refused(image.bytes()).contains("more than a Java array holds"));
    }

    private String refused(byte[] file) throws IOException {
        Path path = write(file);
        try {
            Checkpoint.load(path);
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
        return fail("loaded a damaged file");
    }

    /** Checks the property on case {@code index}; a failure names the case so that it can be found again. */
    private Outcome checkCase(int index, int of, Case c) throws IOException {
        try {
            return checkLoading(c.file());
        } catch (AssertionError e) {
            throw new AssertionError("case " + index + " of " + of + " (seed " + SEED + "), " + c.file().length + " bytes: "
                    + c.description() + ": " + e.getMessage(), e);
        }
    }

    /** Loads the bytes from a file and checks the property. */
    private Outcome checkLoading(byte[] file) throws IOException {
        Path path = write(file);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        Checkpoint.Contents contents = null;
        Throwable thrown = null;
        try {
            contents = Checkpoint.load(path);
        } catch (Throwable t) {
            thrown = t;
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        // A loaded weight costs a Value object and its share of the lists: well under 32 bytes per byte of file.
        long bound = 32L * file.length + (1 << 20);
        assertTrue(allocated <= bound, "loading " + file.length + " bytes allocated " + allocated + " bytes, more than " + bound);
        if (thrown != null) {
            if (!(thrown instanceof InvalidInputException)) {
                throw new AssertionError("the loader threw " + thrown + " instead of its clear error", thrown);
            }
            String message = thrown.getMessage();
            String prefix = "checkpoint " + path + " ";
            assertTrue(message.startsWith(prefix), "names the file: " + message);
            assertFalse(message.contains("\n"), "one line: " + message);
            return new Outcome(refusalKind(message.substring(prefix.length())), null);
        }
        Gpt model = contents.model();
        assertEquals(model.config().vocabSize(), contents.tokenizer().vocabSize(), "the config's and the tokenizer's vocabulary sizes");
        assertEquals(model.config().parameterCount(), model.weights().length, "the config's parameter count and the weights");
        assertTrue(contents.trainedSteps() >= 0, "loaded a negative step count " + contents.trainedSteps());
        for (double w : model.weights()) {
            assertTrue(Double.isFinite(w), "loaded a non-finite weight " + w);
        }
        Path again = dir.resolve("again.mgpt");
        Checkpoint.save(again, model, contents.tokenizer(), contents.trainedSteps());
        assertArrayEquals(file, Files.readAllBytes(again), "what loaded is exactly what the file holds");
        return new Outcome(LOADED, contents);
    }

    // The kind of refusal: the message up to its first number or quote, e.g. "is damaged: it holds".
    private static String refusalKind(String problem) {
        return problem.replaceAll("(-?[0-9]|[(\"]).*", "").trim();
    }

    private Path write(byte[] file) throws IOException {
        return Files.write(dir.resolve("fuzz.mgpt"), file);
    }

    // ---- generators ----

    /** A consistent checkpoint of a small random shape, characters, step count and weights. */
    static CheckpointImage model(FuzzRandom r) {
        int layers = r.intBetween(1, 2);
        int embd = r.oneOf(1, 2, 4, 6, 8);
        int head = r.intBetween(1, 4);
        int block = r.intBetween(1, 6);
        int charCount = r.intBetween(1, 7);
        TreeSet<Integer> chars = new TreeSet<>();
        while (chars.size() < charCount) {
            chars.add(r.intBetween(0, Character.MAX_CODE_POINT));
        }
        int[] shape = {layers, embd, embd % head == 0 ? head : 1, block}; // n_head made a divisor of n_embd
        return CheckpointImage.random(shape, chars.stream().mapToInt(Integer::intValue).toArray(), r.intBetween(0, 1_000_000),
                r.anyLong());
    }

    /** A model changed by up to three mutations, a header of arbitrary or huge dimensions, or noise: 6 : 2 : 2 : 1. */
    static Case craftedFile(FuzzRandom r) {
        return switch (r.frequency(6, 2, 2, 1)) {
            case 0 -> mutatedModel(r);
            case 1 -> header(r, false);
            case 2 -> header(r, true);
            default -> noise(r);
        };
    }

    /** A model changed by 0, 1, 2 or 3 mutations, 6 : 1 : 1 : 1: most stay whole, so that many files load and round-trip. */
    static Case mutatedModel(FuzzRandom r) {
        CheckpointImage image = model(r);
        int count = r.frequency(6, 1, 1, 1);
        List<Mutation> mutations = new ArrayList<>();
        byte[] body = image.body();
        for (int i = 0; i < count; i++) {
            Mutation m = mutation(r);
            mutations.add(m);
            body = m.change().apply(body);
        }
        return new Case(image + " then " + mutations, CheckpointImage.withCrc(body));
    }

    /**
     * A header of arbitrary dimensions with a few zero weights, or as many as it asks for if that is at most 4,096.
     * A huge one has a width whose square, times 12·n_layer, can overflow even a long, and 0 to 100 steps.
     */
    static Case header(FuzzRandom r, boolean huge) {
        int layers = dimension(r);
        int embd = huge ? hugeDimension(r) : dimension(r);
        int head = dimension(r);
        int block = dimension(r);
        int charCount = r.intBetween(1, 9);
        int steps = huge ? r.intBetween(0, 100) : dimension(r);
        int[] codePoints = new int[charCount];
        for (int i = 0; i < charCount; i++) {
            codePoints[i] = 'a' + i;
        }
        // Else the true parameter count of these dimensions, cut to 32 bits as an overflowing writer would store it.
        int count = r.coin() ? dimension(r) : trueParameterCount(layers, embd, block, charCount + 1).intValue();
        int weights = count >= 0 && count <= 4096 ? count : Math.floorMod(count, 64);
        CheckpointImage image = new CheckpointImage(layers, embd, head, block, codePoints, steps, new double[weights])
                .withWeightCount(count);
        return new Case((huge ? "huge header " : "header ") + image, image.bytes());
    }

    /** The magic and version, then up to 200 random bytes. */
    static Case noise(FuzzRandom r) {
        byte[] tail = r.bytes(0, 200);
        byte[] file = CheckpointImage.withCrc(concat(new byte[] {'M', 'G', 'P', 'T', 0, 0, 0, 1}, tail));
        return new Case("noise after the magic and version: " + HexFormat.of().formatHex(tail), file);
    }

    /** A header int: small, a power of two (products of which wrap around), near a limit, or anything: 4 : 3 : 2 : 1. */
    static int dimension(FuzzRandom r) {
        return switch (r.frequency(4, 3, 2, 1)) {
            case 0 -> r.intBetween(-2, 20);
            case 1 -> 1 << r.intBetween(0, 30);
            case 2 -> r.oneOf(1 << 29, 1 << 30, 46_341, 65_536, Integer.MAX_VALUE, Integer.MIN_VALUE, -1);
            default -> r.anyInt();
        };
    }

    /** A width whose square, times 12·n_layer, can overflow even a long. */
    static int hugeDimension(FuzzRandom r) {
        return switch (r.below(3)) {
            case 0 -> 1 << r.intBetween(15, 30);
            case 1 -> r.oneOf(46_341, 3 << 28, Integer.MAX_VALUE);
            default -> r.intBetween(1 << 15, Integer.MAX_VALUE);
        };
    }

    /** 2·vocab·n_embd + block_size·n_embd + 12·n_layer·n_embd², without overflow. */
    static BigInteger trueParameterCount(int layers, int embd, int block, int vocab) {
        BigInteger e = BigInteger.valueOf(embd);
        return BigInteger.valueOf(2L * vocab).multiply(e).add(BigInteger.valueOf(block).multiply(e))
                .add(BigInteger.valueOf(12L * layers).multiply(e).multiply(e));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** One change to a checkpoint's body before its CRC is computed, and what it does, for the failure message. */
    record Mutation(String description, UnaryOperator<byte[]> change) {

        @Override
        public String toString() {
            return description;
        }
    }

    /** One of: set a header int, truncate, append bytes, flip bits, poison a weight; each as likely. */
    static Mutation mutation(FuzzRandom r) {
        switch (r.below(5)) {
            case 0: {
                int field = r.intBetween(1, 9);
                int value = dimension(r);
                return new Mutation("set header int " + field + " to " + value, body -> CheckpointImage.setHeaderInt(body, field, value));
            }
            case 1: {
                double fraction = r.unit();
                return new Mutation("truncate to " + fraction + " of the body", body -> Arrays.copyOf(body, (int) (body.length * fraction)));
            }
            case 2: {
                byte[] extra = r.bytes(1, 24);
                return new Mutation("append " + HexFormat.of().formatHex(extra), body -> concat(body, extra));
            }
            case 3: {
                double at = r.unit();
                int bits = r.intBetween(1, 255);
                return new Mutation("flip bits " + bits + " at " + at + " of the body", body -> flip(body, at, bits));
            }
            default: {
                double at = r.unit();
                double value = r.oneOf(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE);
                return new Mutation("set the weight at " + at + " to " + value, body -> CheckpointImage.setLastWeightsDouble(body, at, value));
            }
        }
    }

    private static byte[] flip(byte[] body, double at, int bits) {
        if (body.length == 0) {
            return body;
        }
        byte[] out = body.clone();
        out[Math.min(out.length - 1, (int) (out.length * at))] ^= (byte) bits;
        return out;
    }
}
