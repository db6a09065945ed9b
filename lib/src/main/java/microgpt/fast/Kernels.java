package microgpt.fast;

import java.lang.management.ManagementFactory;
import microgpt.InvalidInputException;

/**
 * The three matrix-product loops of a training step, as {@link MatrixKernels} defines them: the
 * forward product, the gradient to the input and the gradient to the weights. Three sets:
 * <ul>
 *   <li>{@link #SCALAR}: plain Java, every sum in the scalar engine's order;</li>
 *   <li>{@link #ordered(int)}: the same sums in the same order, with the JDK's Vector API where that
 *       keeps every bit (lanes over independent sums); plain Java without the module;</li>
 *   <li>{@link #reordered()}: the Vector API with fused multiply-adds and sums split over lanes:
 *       faster, and no longer bit for bit the scalar engine's (the {@code simd} engine).</li>
 * </ul>
 * The vector classes are reached only through {@link Class#forName}, so a runtime without the
 * {@code jdk.incubator.vector} module (or without reflection: the WebAssembly build, which uses
 * {@link #SCALAR}) never loads them.
 */
abstract class Kernels {

    /** The module the vector kernels need, added with {@code --add-modules jdk.incubator.vector}. */
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** out[p][o] = Σ_i w[o][i]·x[p][i] for positions [from, to): {@link MatrixKernels#matmul}. */
    abstract void matmul(Team team, double[] out, double[] x, double[] w, int off, int rows, int cols, int from, int to);

    /**
     * {@link #matmul} given also {@code wt}, the same weights transposed ({@link TransposedWeights}),
     * or null: the same numbers either way. These kernels ignore it.
     */
    void matmul(Team team, double[] out, double[] x, double[] w, double[] wt, int off, int rows, int cols, int from, int to) {
        matmul(team, out, x, w, off, rows, cols, from, to);
    }

    /** Whether {@link #matmul} with the weights transposed is faster (then a training step makes the copy). */
    boolean wantsTransposedWeights() {
        return false;
    }

    /** dx[p][i] += Σ_o w[o][i]·g[p][o], the rows o in {@code runs}' order: {@link MatrixKernels#matmulBackwardInput}. */
    abstract void matmulBackwardInput(Team team, double[] dx, double[] g, double[] w, int off, int rows, int cols,
                                      int[] runs, int from, int to);

    /** dw[o][i] += Σ_p x[p][i]·g[p][o] over [0, n) from the last: {@link MatrixKernels#matmulBackwardWeights}. */
    abstract void matmulBackwardWeights(Team team, double[] dw, int off, double[] x, double[] g, int rows, int cols, int n);

    /** Whether these kernels reorder sums (the simd engine): then a batch may be cut into fewer shards too. */
    boolean reordersSums() {
        return false;
    }

    /** Plain Java, in the scalar engine's order. */
    static final Kernels SCALAR = new Kernels() {
        @Override
        void matmul(Team team, double[] out, double[] x, double[] w, int off, int rows, int cols, int from, int to) {
            MatrixKernels.matmul(team, out, x, w, off, rows, cols, from, to);
        }

        @Override
        void matmulBackwardInput(Team team, double[] dx, double[] g, double[] w, int off, int rows, int cols, int[] runs,
                                 int from, int to) {
            MatrixKernels.matmulBackwardInput(team, dx, g, w, off, rows, cols, runs, from, to);
        }

        @Override
        void matmulBackwardWeights(Team team, double[] dw, int off, double[] x, double[] g, int rows, int cols, int n) {
            MatrixKernels.matmulBackwardWeights(team, dw, off, x, g, rows, cols, n);
        }

        @Override
        public String toString() {
            return "scalar kernels";
        }
    };

    /** Whether this JVM was started with the Vector API's module. */
    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /**
     * The least n_embd for which the exact vector kernels pay for their longer warm-up (measured: at
     * the reference's 16 the default run of 1,000 steps took a quarter longer with them).
     */
    static final int MIN_VECTOR_WIDTH = 32;

    /**
     * The kernels of the ordered (bit-for-bit) engine for a model of width {@code nEmbd}: the exact
     * vector kernels if the module is there and the model is wide enough, else the scalar ones.
     * Either way the same numbers.
     */
    static Kernels ordered(int nEmbd) {
        return nEmbd >= MIN_VECTOR_WIDTH && vectorModulePresent() && optimizingCompilerOn() ? vector(false) : SCALAR;
    }

    /**
     * Whether the JIT's optimizing compiler is on: only it turns the Vector API into vector
     * instructions. Without it (a quick-start {@code -XX:TieredStopAtLevel=1}, {@code -Xint}) every
     * vector is an object and the vector kernels are many times slower than the scalar ones.
     */
    static boolean optimizingCompilerOn() {
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-XX:TieredStopAtLevel=") && !arg.endsWith("=4") || arg.equals("-Xint")) {
                return false;
            }
        }
        return true;
    }

    /** The reordered kernels of the simd engine; a one-line error if the module or the optimizing compiler is missing. */
    static Kernels reordered() {
        requireVectorSupport();
        return vector(true);
    }

    /** Refuses, in one line, a JVM without the module or without the compiler that makes it fast. */
    static void requireVectorSupport() {
        if (!vectorModulePresent()) {
            throw new InvalidInputException("the simd engine needs the JDK's Vector API, which this JVM was started without:"
                    + " run through bin/microgpt, or add --add-modules " + VECTOR_MODULE + " before -jar");
        }
        if (!optimizingCompilerOn()) {
            throw new InvalidInputException("the simd engine needs the JIT's optimizing compiler, which this JVM was started"
                    + " without (-XX:TieredStopAtLevel=1 or -Xint): drop that flag, or use --engine fast");
        }
    }

    private static Kernels vector(boolean fused) {
        try {
            return (Kernels) Class.forName("microgpt.fast.VectorKernels")
                    .getDeclaredConstructor(boolean.class).newInstance(fused);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("the vector kernels failed to load: " + e, e);
        }
    }
}
