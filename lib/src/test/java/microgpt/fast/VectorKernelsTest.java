package microgpt.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels against the scalar ones on random shapes, most of them not a multiple of
 * the lane count: the exact kernels give the same bits, the fused ones the same sums to within
 * their rounding error.
 */
class VectorKernelsTest {

    /** rows, cols, positions: odd sizes, a single column, the engine's shapes (e by 4e, lm_head's 27 rows). */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {3, 5, 2}, {7, 13, 3}, {27, 16, 7}, {9, 31, 4}, {17, 33, 16}, {5, 71, 1}, {41, 24, 11},
        {64, 64, 8}, {256, 64, 5}, {64, 256, 9}, {192, 64, 16}, {33, 100, 6},
    };

    private static Kernels exact;
    private static Kernels fused;

    @BeforeAll
    static void theModuleIsThere() {
        assertTrue(Kernels.vectorModulePresent(), "the tests run with --add-modules jdk.incubator.vector (lib/pom.xml)");
        exact = Kernels.ordered(Kernels.MIN_VECTOR_WIDTH);
        fused = Kernels.reordered();
        assertTrue(exact instanceof VectorKernels, "a wide ordered engine takes the exact vector kernels: " + exact);
        assertEquals(Kernels.SCALAR, Kernels.ordered(Kernels.MIN_VECTOR_WIDTH - 1), "a narrow one the scalar kernels");
    }

    /** A shape's operands: weights and inputs from N(0, 1), gradients with about one in five exactly 0 (a ReLU that was off). */
    private record Operands(int rows, int cols, int n, double[] w, double[] x, double[] g, double[] start) {

        String name() {
            return rows + "x" + cols + " at " + n + " positions";
        }

        static Operands random(int[] shape, Random rng) {
            int rows = shape[0];
            int cols = shape[1];
            int n = shape[2];
            double[] g = gaussians(rng, n * rows);
            for (int i = 0; i < g.length; i++) {
                g[i] = rng.nextInt(5) == 0 ? 0 : g[i];
            }
            // the results' buffer: earlier values to add to, large enough for any of the three products
            return new Operands(rows, cols, n, gaussians(rng, 3 + rows * cols), gaussians(rng, n * cols), g,
                    gaussians(rng, 3 + rows * cols + n * (rows + cols)));
        }
    }

    /** The three products of kernels {@code a} on team {@code ta} and of {@code b} on {@code tb}: the same bits. */
    private static void assertSameBits(Kernels a, Team ta, Kernels b, Team tb, Operands o, List<int[]> orders, String name) {
        assertArrayEquals(forward(a, ta, o), forward(b, tb, o), 0.0, "forward " + name);
        for (int[] runs : orders) {
            assertArrayEquals(backwardInput(a, ta, o, runs), backwardInput(b, tb, o, runs), 0.0, "backward to the input " + name);
        }
        assertArrayEquals(backwardWeights(a, ta, o), backwardWeights(b, tb, o), 0.0, "backward to the weights " + name);
    }

    private static double[] gaussians(Random rng, int size) {
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = rng.nextGaussian();
        }
        return values;
    }

    @Test
    void theExactKernelsGiveTheScalarKernelsBits() {
        Random rng = new Random(42);
        for (int[] shape : SHAPES) {
            Operands o = Operands.random(shape, rng);
            String name = o.name();
            for (Team team : new Team[] {Team.ALONE, Team.shared()}) {
                assertSameBits(Kernels.SCALAR, team, exact, team, o, List.of(orders(o.rows)), name);
            }
        }
    }

    /**
     * Each fused result within its rounding error of the scalar one: both are the same sum of k
     * terms rounded differently, so they differ by at most about 2·k·2^-53 times the sum of the
     * terms' magnitudes (each result within k·2^-53 of the exact sum); the test allows twice that.
     */
    @Test
    void theFusedKernelsGiveTheSameSumsToWithinRounding() {
        Random rng = new Random(7);
        int differing = 0;
        for (int[] shape : SHAPES) {
            Operands o = Operands.random(shape, rng);
            Operands magnitudes = new Operands(o.rows, o.cols, o.n, abs(o.w), abs(o.x), abs(o.g), abs(o.start));
            String name = o.name();
            differing += assertWithinRounding(forward(Kernels.SCALAR, Team.ALONE, o), forward(fused, Team.shared(), o),
                    forward(Kernels.SCALAR, Team.ALONE, magnitudes), o.cols, "forward " + name);
            int[] runs = MatrixKernels.descending(o.rows);
            differing += assertWithinRounding(backwardInput(Kernels.SCALAR, Team.ALONE, o, runs),
                    backwardInput(fused, Team.shared(), o, runs), backwardInput(Kernels.SCALAR, Team.ALONE, magnitudes, runs),
                    o.rows + 1, "backward to the input " + name);
            differing += assertWithinRounding(backwardWeights(Kernels.SCALAR, Team.ALONE, o),
                    backwardWeights(fused, Team.shared(), o), backwardWeights(Kernels.SCALAR, Team.ALONE, magnitudes),
                    o.n + 1, "backward to the weights " + name);
        }
        assertTrue(differing > 0, "the fused kernels round differently somewhere (else they are not the fused ones)");
    }

    /** Each fused result is one thread's, whatever the cut: one thread or two give the same bits. */
    @Test
    void theFusedKernelsGiveTheSameBitsWithOneThreadOrTwo() {
        Random rng = new Random(11);
        for (int[] shape : SHAPES) {
            Operands o = Operands.random(shape, rng);
            assertSameBits(fused, Team.ALONE, fused, Team.shared(), o, List.of(MatrixKernels.descending(o.rows)), o.name());
        }
    }

    /** The fused forward product from the transposed weights (training) gives the bits of the one from the weights as they are (decoding). */
    @Test
    void theFusedForwardProductGivesTheSameBitsFromTransposedWeights() {
        Random rng = new Random(13);
        for (int[] shape : SHAPES) {
            Operands o = Operands.random(shape, rng);
            double[] wt = o.w.clone();
            for (int r = 0; r < o.rows; r++) {
                for (int i = 0; i < o.cols; i++) {
                    wt[3 + i * o.rows + r] = o.w[3 + r * o.cols + i];
                }
            }
            double[] expected = forward(fused, Team.ALONE, o);
            for (Team team : new Team[] {Team.ALONE, Team.shared()}) {
                double[] got = o.start.clone();
                fused.matmul(team, got, o.x, o.w, wt, 3, o.rows, o.cols, 0, o.n);
                assertArrayEquals(expected, got, 0.0, "forward " + o.rows + "x" + o.cols + " at " + o.n + " positions");
            }
        }
    }

    /** Asserts |got − expected| ≤ 4·terms·2^-53·magnitude element by element; returns how many elements differ at all. */
    private static int assertWithinRounding(double[] expected, double[] got, double[] magnitude, int terms, String what) {
        assertEquals(expected.length, got.length);
        int differing = 0;
        for (int i = 0; i < expected.length; i++) {
            double bound = 4.0 * terms * Math.ulp(1.0) / 2 * magnitude[i];
            assertEquals(expected[i], got[i], bound, what + ", element " + i);
            differing += expected[i] != got[i] ? 1 : 0;
        }
        return differing;
    }

    private static double[] abs(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.abs(values[i]);
        }
        return out;
    }

    /** The row orders the engine uses: all rows from the last; lm_head's (a target's row last); single rows alternating. */
    private static int[][] orders(int rows) {
        int target = rows / 3;
        int[] alternating = new int[2 * rows];
        for (int r = 0; r < rows; r++) {
            alternating[2 * r] = (r * 7) % rows;   // every row once, in a scrambled order
            alternating[2 * r + 1] = 1;
        }
        return new int[][] {
            MatrixKernels.descending(rows),
            {rows - 1, rows - 1 - target, target - 1, target, target, 1},
            rows % 7 == 0 ? MatrixKernels.descending(rows) : alternating,
        };
    }

    /** The forward product at positions [1, n) after position 0 (as decoding runs), into a buffer of earlier values. */
    private static double[] forward(Kernels kernels, Team team, Operands o) {
        double[] out = o.start.clone();
        kernels.matmul(team, out, o.x, o.w, 3, o.rows, o.cols, 0, 1);
        if (o.n > 1) {
            kernels.matmul(team, out, o.x, o.w, 3, o.rows, o.cols, 1, o.n);
        }
        return out;
    }

    /** The gradient to the input, added to earlier values, position 0 alone then the rest (as attention's q, k, v). */
    private static double[] backwardInput(Kernels kernels, Team team, Operands o, int[] runs) {
        double[] dx = o.start.clone();
        kernels.matmulBackwardInput(team, dx, o.g, o.w, 3, o.rows, o.cols, runs, 0, 1);
        kernels.matmulBackwardInput(team, dx, o.g, o.w, 3, o.rows, o.cols, runs, 1, o.n);
        return dx;
    }

    /** The gradient to the weights, added to earlier values at an offset. */
    private static double[] backwardWeights(Kernels kernels, Team team, Operands o) {
        double[] dw = o.start.clone();
        kernels.matmulBackwardWeights(team, dw, 3, o.x, o.g, o.rows, o.cols, o.n);
        return dw;
    }
}
