package microgpt.nn;

import java.util.Locale;
import microgpt.InvalidInputException;

/**
 * How much heap a model of a given shape needs, per engine, and the check that refuses a shape
 * that cannot fit before anything is allocated: one clear line at once instead of an
 * OutOfMemoryError (or an overflowed array size) minutes later. The estimates count the large
 * arrays and objects with a little to spare; they are sizes to compare, not exact figures.
 * Arithmetic is in {@code double}, so no shape, however absurd, can overflow it.
 */
public final class MemoryEstimate {

    /** The share of the JVM's maximum heap (-Xmx) a model may take; the rest is for the data, the JIT and the collector. */
    public static final double HEAP_SHARE = 0.75;

    /** The longest array a JVM allocates: a few elements short of Integer.MAX_VALUE. */
    public static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private static final double VALUE_BYTES = 40;   // one autograd Value: header, data, grad, two references, a mark
    private static final double ARRAY_HEADER = 16;

    private MemoryEstimate() {}

    /**
     * The fast engine: weights, gradients and Adam's two moments, the activations of a training
     * step and of one decoder (block_size² · n_head · n_layer attention weights each, twice), and
     * the backward pass's buffers.
     */
    public static long fastEngineBytes(GptConfig c) {
        double arrays = 40.0 * c.nLayer() + 40; // headers of the per-layer arrays
        return saturate(8 * (4 * parameters(c) + 2 * activations(c) + backward(c)) + ARRAY_HEADER * arrays);
    }

    /**
     * What the fast engine adds to share a batch between threads: a gradient array for each shard
     * but the first (which is the model's own) and the activations and backward buffers of each worker.
     */
    public static long dataParallelBytes(GptConfig c, int shards, int workers) {
        double arrays = 40.0 * c.nLayer() + 40;
        return saturate(8 * ((shards - 1.0) * parameters(c)) + workers * (8 * (activations(c) + backward(c)) + ARRAY_HEADER * arrays));
    }

    /** The numbers one forward pass keeps for the backward pass, at block_size positions. */
    private static double activations(GptConfig c) {
        double b = c.blockSize();
        double e = c.nEmbd();
        double l = c.nLayer();
        double h = c.nHead();
        return b * e * (3 + 16 * l) + b * (5 + 4 * l) + l * (2 * b * b * h + 2 * b * h) + 2 * b * c.vocabSize();
    }

    /** The backward pass's own buffers. */
    private static double backward(GptConfig c) {
        double b = c.blockSize();
        return 12 * b * c.nEmbd() + b * c.vocabSize() + 4 * b;
    }

    /** The scalar engine's model: every weight a Value, in its matrix row and the parameter list, and Adam's two moments. */
    public static long scalarModelBytes(GptConfig c) {
        double rows = 2.0 * c.vocabSize() + c.blockSize() + 9.0 * c.nLayer() * c.nEmbd();
        return saturate(parameters(c) * (VALUE_BYTES + 4 + 6 + 16 + 8) + rows * ARRAY_HEADER);
    }

    /**
     * The scalar engine's graph of one document of {@code positions} positions, kept until the
     * backward pass: per position, a dot-product node per matrix row (24 bytes per weight read),
     * the RMSNorms, residuals and softmax of the head; and attention, which grows with the square
     * of the positions. Plus the topological order the backward pass builds.
     */
    public static long scalarStepBytes(GptConfig c, int positions) {
        double n = positions;
        double e = c.nEmbd();
        double l = c.nLayer();
        double perPosition = l * (288 * e * e + 1700 * e) + c.vocabSize() * (528 + 24 * e) + 500 * e;
        double attention = l * (n * (n + 1) / 2) * (48 * e + 600 * c.nHead());
        return saturate(1.15 * (n * perPosition + attention));
    }

    /** The scalar engine, all told: its model and the graph of one document of {@code positions} positions. */
    public static long scalarEngineBytes(GptConfig c, int positions) {
        return saturate((double) scalarModelBytes(c) + scalarStepBytes(c, positions));
    }

    /** The heap a model may take in this JVM: {@link #HEAP_SHARE} of the maximum heap. */
    public static long heapLimit() {
        return (long) (Runtime.getRuntime().maxMemory() * HEAP_SHARE);
    }

    /**
     * Refuses, with one line that gives the need, the limit and what to change, a shape whose
     * {@code purpose} (e.g. "the fast engine") needs more than {@link #heapLimit()} bytes, or an
     * array longer than Java allows.
     */
    public static void require(GptConfig c, long bytes, String purpose) {
        requireArrays(c);
        long limit = heapLimit();
        if (bytes > limit) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "%s needs about %s for n_layer %d, n_embd %d, n_head %d, block_size %d, more than the %s a model may take"
                            + " in this JVM (%d%% of its maximum heap, -Xmx %s); memory grows with n_layer·n_embd² and"
                            + " n_layer·block_size²·n_head: choose a smaller model, or give java more, e.g. java -Xmx16g -jar ...",
                    purpose, bytes(bytes), c.nLayer(), c.nEmbd(), c.nHead(), c.blockSize(), bytes(limit),
                    Math.round(HEAP_SHARE * 100), bytes(Runtime.getRuntime().maxMemory())));
        }
    }

    /** Refuses, with one line, a shape whose weights or attention weights do not fit in one Java array. */
    public static void requireArrays(GptConfig c) {
        c.parameterCount(); // refuses more weights than one array holds
        double attention = (double) c.blockSize() * c.blockSize() * c.nHead();
        if (attention > MAX_ARRAY_LENGTH) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "block_size %d is too large: the attention weights of one layer (block_size² × n_head = %.3g numbers) do not fit"
                            + " in one Java array (at most %d); choose a block_size of at most %d",
                    c.blockSize(), attention, MAX_ARRAY_LENGTH, (long) Math.sqrt(MAX_ARRAY_LENGTH / (double) c.nHead())));
        }
    }

    /** A byte count for people: 512 B, 3.4 MB, 5.9 GB (powers of 1000). */
    public static String bytes(long n) {
        if (n < 1000) {
            return n + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB", "EB"};
        double x = n;
        int u = -1;
        while (x >= 1000 && u < units.length - 1) {
            x /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", x, units[u]);
    }

    private static double parameters(GptConfig c) {
        return 2.0 * c.vocabSize() * c.nEmbd() + (double) c.blockSize() * c.nEmbd() + 12.0 * c.nLayer() * c.nEmbd() * c.nEmbd();
    }

    private static long saturate(double bytes) {
        return bytes >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) Math.ceil(bytes);
    }
}
