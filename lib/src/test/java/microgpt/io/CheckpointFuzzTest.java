package microgpt.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import microgpt.InvalidInputException;
import microgpt.nn.Gpt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes {@link Checkpoint#load} with crafted files whose CRC-32C is valid, so that every check
 * after the checksum is reached: arbitrary and huge sizes, negative dimensions, configs whose
 * parameter count overflows, truncated and padded bodies, NaN weights, bad characters.
 *
 * <p>The property: loading either gives a consistent model (saving it again gives the same bytes)
 * or throws {@link InvalidInputException} with a one-line message that names the file; never
 * another exception, never an out-of-memory error, and it never allocates more than a bound
 * proportional to the file's size.
 */
class CheckpointFuzzTest {

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static Path dir;

    @BeforeContainer
    static void createDirectory() throws IOException {
        dir = Files.createTempDirectory("checkpoint-fuzz");
    }

    @AfterContainer
    static void deleteDirectory() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Property(tries = 1500, seed = "42")
    void aCraftedFileLoadsAsAConsistentModelOrFailsWithTheOneClearError(@ForAll("craftedFiles") byte[] file) throws IOException {
        checkLoading(file);
        // The crafted files get past the checksum to every later check, and many load.
        Statistics.label("outcome").coverage(outcomes -> {
            outcomes.check("loaded").percentage(p -> p > 30);
            for (String later : List.of("is damaged: it holds", "holds a non-finite weight", "holds an invalid model: the model would have",
                    "is damaged: it says the model was trained for", "is damaged: its vocabulary is not a sorted list of distinct characters")) {
                outcomes.check(later).count(n -> n > 0);
            }
        });
    }

    @Property(tries = 300, seed = "42")
    void anUnchangedCheckpointLoadsBackExactly(@ForAll("models") CheckpointImage image) throws IOException {
        Checkpoint.Contents contents = checkLoading(image.bytes());
        assertTrue(contents != null, "a well-formed checkpoint must load");
        assertArrayEquals(image.weights(), contents.model().weights());
    }

    /** A 48-byte file whose config's parameter count overflowed a long to 0: it made the loader allocate gigabytes. */
    @Example
    void aConfigWhoseParameterCountOverflowsIsRefused() throws IOException {
        CheckpointImage image = new CheckpointImage(1, 1 << 30, 1, 4, new int[] {'a'}, 0, new double[0]);
        String message = refused(image.bytes());
        assertTrue(message.contains("parameters"), message);
    }

    /** Its parameter count wrapped to Integer.MIN_VALUE, the weight count it gives: the loader asked for an array of that size. */
    @Example
    void aWeightCountThatMatchesAWrappedParameterCountIsRefused() throws IOException {
        CheckpointImage image = new CheckpointImage(1, 1 << 30, 1, 4, new int[] {'a', 'b'}, 0, new double[0])
                .withWeightCount(Integer.MIN_VALUE);
        assertTrue(refused(image.bytes()).contains("parameters"));
    }

    @Example
    void aNegativeStepCountIsRefused() throws IOException {
        CheckpointImage image = CheckpointImage.of(1, 2, 1, 1, new int[] {'a'}, -5);
        assertTrue(refused(image.bytes()).contains("-5 steps"));
    }

    @Example
    void aConfigTooLargeForAJavaArrayIsRefusedNamingTheFile() throws IOException {
        CheckpointImage image = new CheckpointImage(100_000, 4096, 1, 4, new int[] {'a'}, 0, new double[0]);
        assertTrue(refused(image.bytes()).contains("more than a Java array holds"));
    }

    private static String refused(byte[] file) throws IOException {
        Path path = write(file);
        try {
            Checkpoint.load(path);
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
        return fail("loaded a damaged file");
    }

    /** Loads the bytes from a file and checks the property; returns what loaded, or null for the clear error. */
    private static Checkpoint.Contents checkLoading(byte[] file) throws IOException {
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
            assertTrue(message.startsWith("checkpoint " + path + " "), "names the file: " + message);
            assertFalse(message.contains("\n"), "one line: " + message);
            Statistics.label("outcome").collect(outcome(message.substring(("checkpoint " + path + " ").length())));
            return null;
        }
        Gpt model = contents.model();
        assertEquals(model.config().vocabSize(), contents.tokenizer().vocabSize());
        assertEquals(model.config().parameterCount(), model.weights().length);
        assertTrue(contents.trainedSteps() >= 0);
        for (double w : model.weights()) {
            assertTrue(Double.isFinite(w));
        }
        Statistics.label("outcome").collect("loaded");
        Path again = dir.resolve("again.mgpt");
        Checkpoint.save(again, model, contents.tokenizer(), contents.trainedSteps());
        assertArrayEquals(file, Files.readAllBytes(again), "what loaded is exactly what the file holds");
        return contents;
    }

    // The kind of refusal: the message up to its first number or quote, e.g. "is damaged: it holds".
    private static String outcome(String problem) {
        return problem.replaceAll("(-?[0-9]|[(\"]).*", "").trim();
    }

    private static Path write(byte[] file) throws IOException {
        return Files.write(dir.resolve("fuzz.mgpt"), file);
    }

    // ---- generators ----

    @Provide
    Arbitrary<CheckpointImage> models() {
        Arbitrary<int[]> shape = Combinators.combine(
                Arbitraries.integers().between(1, 2),          // n_layer
                Arbitraries.of(1, 2, 4, 6, 8),                 // n_embd
                Arbitraries.integers().between(1, 4),          // n_head, made a divisor below
                Arbitraries.integers().between(1, 6),          // block_size
                Arbitraries.integers().between(1, 7))          // characters
                .as((layers, embd, head, block, chars) -> new int[] {layers, embd, embd % head == 0 ? head : 1, block, chars});
        return shape.flatMap(s -> Combinators.combine(
                Arbitraries.integers().between(0, Character.MAX_CODE_POINT).set().ofSize(s[4]),
                Arbitraries.integers().between(0, 1_000_000),
                Arbitraries.longs())
                .as((chars, steps, seed) -> CheckpointImage.random(s, chars.stream().mapToInt(Integer::intValue).sorted().toArray(), steps, seed)));
    }

    @Provide
    Arbitrary<byte[]> craftedFiles() {
        Arbitrary<byte[]> fromModels = Combinators.combine(models(), Mutation.arbitrary().list().ofMaxSize(3))
                .as((image, mutations) -> {
                    byte[] body = image.body();
                    for (Mutation m : mutations) {
                        body = m.apply(body);
                    }
                    return CheckpointImage.withCrc(body);
                });
        Arbitrary<byte[]> fromHeaders = headers(dimension(), dimension());
        Arbitrary<byte[]> fromHugeHeaders = headers(hugeDimension(), Arbitraries.integers().between(0, 100));
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(200)
                .map(b -> CheckpointImage.withCrc(concat(new byte[] {'M', 'G', 'P', 'T', 0, 0, 0, 1}, b)));
        return Arbitraries.frequencyOf(
                Tuple.of(6, fromModels),
                Tuple.of(2, fromHeaders),
                Tuple.of(2, fromHugeHeaders),
                Tuple.of(1, noise));
    }

    /** A header of arbitrary dimensions with a few zero weights, or as many as it asks for if that is at most 4,096. */
    static Arbitrary<byte[]> headers(Arbitrary<Integer> widths, Arbitrary<Integer> stepCounts) {
        return Combinators.combine(
                dimension(), widths, dimension(), dimension(),
                Arbitraries.integers().between(1, 9), stepCounts, Arbitraries.oneOf(dimension(), Arbitraries.just(null)))
                .as((layers, embd, head, block, chars, steps, weightCount) -> {
                    int[] codePoints = new int[chars];
                    for (int i = 0; i < chars; i++) {
                        codePoints[i] = 'a' + i;
                    }
                    // null: the true parameter count of these dimensions, cut to 32 bits as an overflowing writer would store it
                    int count = weightCount != null ? weightCount
                            : trueParameterCount(layers, embd, block, chars + 1).intValue();
                    int weights = count >= 0 && count <= 4096 ? count : Math.floorMod(count, 64);
                    return new CheckpointImage(layers, embd, head, block, codePoints, steps, new double[weights])
                            .withWeightCount(count).bytes();
                });
    }

    /** A header int: small, a power of two (products of which wrap around), near a limit, or anything. */
    static Arbitrary<Integer> dimension() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(-2, 20)),
                Tuple.of(3, Arbitraries.integers().between(0, 30).map(k -> 1 << k)),
                Tuple.of(2, Arbitraries.of(1 << 29, 1 << 30, 46_341, 65_536, Integer.MAX_VALUE, Integer.MIN_VALUE, -1)),
                Tuple.of(1, Arbitraries.integers()));
    }

    /** A width whose square, times 12·n_layer, can overflow even a long. */
    static Arbitrary<Integer> hugeDimension() {
        return Arbitraries.oneOf(Arbitraries.integers().between(15, 30).map(k -> 1 << k),
                Arbitraries.of(46_341, 3 << 28, Integer.MAX_VALUE), Arbitraries.integers().greaterOrEqual(1 << 15));
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

    /** One change to a checkpoint's body before its CRC is computed. */
    interface Mutation {

        byte[] apply(byte[] body);

        static Arbitrary<Mutation> arbitrary() {
            Arbitrary<Mutation> setInt = Combinators.combine(Arbitraries.integers().between(1, 9), dimension())
                    .as((field, value) -> body -> CheckpointImage.setHeaderInt(body, field, value));
            Arbitrary<Mutation> truncate = Arbitraries.doubles().between(0, 1)
                    .map(f -> body -> java.util.Arrays.copyOf(body, (int) (body.length * f)));
            Arbitrary<Mutation> append = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(24)
                    .map(extra -> body -> concat(body, extra));
            Arbitrary<Mutation> flip = Combinators.combine(Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(1, 255))
                    .as((at, bits) -> body -> {
                        if (body.length == 0) {
                            return body;
                        }
                        byte[] out = body.clone();
                        out[Math.min(out.length - 1, (int) (out.length * at))] ^= (byte) (int) bits;
                        return out;
                    });
            Arbitrary<Mutation> poisonWeight = Combinators.combine(Arbitraries.doubles().between(0, 1),
                            Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE))
                    .as((at, value) -> body -> CheckpointImage.setLastWeightsDouble(body, at, value));
            return Arbitraries.oneOf(List.of(setInt, truncate, append, flip, poisonWeight));
        }
    }
}
