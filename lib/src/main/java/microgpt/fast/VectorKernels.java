package microgpt.fast;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} on the JDK's Vector API ({@code jdk.incubator.vector}), in two modes.
 *
 * <p>Exact ({@code fused = false}): the lanes of a vector are independent sums (eight columns of a
 * gradient at a time on AVX-512), each term a multiply rounded then an add rounded, as Java's
 * {@code a += m * g} rounds it, and the terms in the scalar kernels' order: the scalar kernels'
 * numbers, bit for bit. The forward product, whose lanes would split one sum, stays on
 * {@link MatrixKernels} in this mode.
 *
 * <p>Fused ({@code fused = true}, the {@code simd} engine): each term is one fused multiply-add (one
 * rounding instead of two), so the last bits differ; the forward product is {@link FusedProduct}'s.
 *
 * <p>Zero gradients are not skipped: in Java 17, C2 cannot keep a vector in registers across a
 * branch that leaves it unchanged, and boxes every vector (measured: a gigabyte allocated per
 * step, five times slower). Adding w·0 = ±0 changes no sum. Loaded only through {@link Kernels},
 * when the module is present; the work is cut for the {@link Team} as {@link MatrixKernels} cuts it.
 */
final class VectorKernels extends Kernels {

    private static final VectorSpecies<Double> LANES = DoubleVector.SPECIES_PREFERRED;
    private static final int L = LANES.length();
    private static final int ROWS_PER_CHUNK = 16;  // as MatrixKernels: rows of w kept hot in L1 for all positions
    private static final int SPEED_UP = 4;         // about how much faster than MatrixKernels: sharing a loop needs that much more work

    private final boolean fused;

    VectorKernels(boolean fused) {
        this.fused = fused;
    }

    @Override
    void matmul(Team team, double[] out, double[] x, double[] w, int off, int rows, int cols, int from, int to) {
        matmul(team, out, x, w, null, off, rows, cols, from, to);
    }

    @Override
    void matmul(Team team, double[] out, double[] x, double[] w, double[] wt, int off, int rows, int cols, int from, int to) {
        if (!fused) {
            MatrixKernels.matmul(team, out, x, w, off, rows, cols, from, to);
        } else if (!team.worthSharing((long) rows * cols * (to - from) / SPEED_UP)) {
            fusedRows(out, x, w, wt, off, rows, cols, from, to, 0, rows);
        } else {
            team.run(rows, (rows / 2) & ~7, (rowFrom, rowTo) -> fusedRows(out, x, w, wt, off, rows, cols, from, to, rowFrom, rowTo));
        }
    }

    /** The rows [rowFrom, rowTo) of the fused forward product: from the transposed weights if there are some. */
    private static void fusedRows(double[] out, double[] x, double[] w, double[] wt, int off, int rows, int cols,
                                  int from, int to, int rowFrom, int rowTo) {
        if (wt != null) {
            FusedProduct.transposedRows(out, x, wt, off, rows, cols, from, to, rowFrom, rowTo);
        } else {
            FusedProduct.rowMajorRows(out, x, w, off, rows, cols, from, to, rowFrom, rowTo);
        }
    }

    @Override
    boolean wantsTransposedWeights() {
        return fused;
    }

    @Override
    void matmulBackwardInput(Team team, double[] dx, double[] g, double[] w, int off, int rows, int cols, int[] runs,
                             int from, int to) {
        if (!team.worthSharing((long) rows * cols * (to - from) / SPEED_UP)) {
            backwardInputColumns(dx, g, w, off, rows, cols, runs, from, to, 0, cols);
            return;
        }
        team.run(cols, (cols / 2) & ~7,
                (colFrom, colTo) -> backwardInputColumns(dx, g, w, off, rows, cols, runs, from, to, colFrom, colTo));
    }

    /** As {@link MatrixKernels}' loop of the same name: chunks of rows in the order of {@code runs}, all positions per chunk. */
    private void backwardInputColumns(double[] dx, double[] g, double[] w, int off, int rows, int cols, int[] runs,
                                      int from, int to, int colFrom, int colTo) {
        for (int k = 0; k < runs.length; k += 2) {
            int last = runs[k] - runs[k + 1] + 1;
            for (int top = runs[k]; top >= last; top -= ROWS_PER_CHUNK) {
                int bottom = Math.max(last, top - ROWS_PER_CHUNK + 1);
                int p = from;
                for (; p + 2 <= to; p += 2) {
                    addStridedPair(dx, p * cols + colFrom, (p + 1) * cols + colFrom, colTo - colFrom, w, off + top * cols + colFrom,
                            cols, g, p * rows + top, (p + 1) * rows + top, 1, top - bottom + 1);
                }
                if (p < to) {
                    addStrided(dx, p * cols + colFrom, colTo - colFrom, w, off + top * cols + colFrom, cols,
                            g, p * rows + top, 1, top - bottom + 1);
                }
            }
        }
    }

    @Override
    void matmulBackwardWeights(Team team, double[] dw, int off, double[] x, double[] g, int rows, int cols, int n) {
        if (!team.worthSharing((long) rows * cols * n / SPEED_UP)) {
            backwardWeightsRows(dw, off, x, g, rows, cols, n, 0, rows);
            return;
        }
        team.run(rows, (rowFrom, rowTo) -> backwardWeightsRows(dw, off, x, g, rows, cols, n, rowFrom, rowTo));
    }

    private void backwardWeightsRows(double[] dw, int off, double[] x, double[] g, int rows, int cols, int n,
                                     int rowFrom, int rowTo) {
        int o = rowFrom;
        for (; o + 2 <= rowTo; o += 2) {
            addStridedPair(dw, off + o * cols, off + (o + 1) * cols, cols, x, (n - 1) * cols, cols,
                    g, (n - 1) * rows + o, (n - 1) * rows + o + 1, rows, n);
        }
        if (o < rowTo) {
            addStrided(dw, off + o * cols, cols, x, (n - 1) * cols, cols, g, (n - 1) * rows + o, rows, n);
        }
    }

    /**
     * {@link #addStrided} for two targets that read the same rows of m with their own gradients
     * (two rows of a weight gradient, or two positions of an input gradient): each row of m is
     * loaded once for both, which halves the loads per multiply-add. Each element's terms are added
     * in the same order as by {@link #addStrided}.
     */
    private void addStridedPair(double[] acc, int at, int atSecond, int width, double[] m, int mAt, int mStep,
                                double[] g, int gAt, int gAtSecond, int gStep, int count) {
        boolean fma = fused;
        int i = 0;
        for (; i + 4 * L <= width; i += 4 * L) {
            int d = at + i;
            int e = atSecond + i;
            DoubleVector a0 = DoubleVector.fromArray(LANES, acc, d);
            DoubleVector a1 = DoubleVector.fromArray(LANES, acc, d + L);
            DoubleVector a2 = DoubleVector.fromArray(LANES, acc, d + 2 * L);
            DoubleVector a3 = DoubleVector.fromArray(LANES, acc, d + 3 * L);
            DoubleVector b0 = DoubleVector.fromArray(LANES, acc, e);
            DoubleVector b1 = DoubleVector.fromArray(LANES, acc, e + L);
            DoubleVector b2 = DoubleVector.fromArray(LANES, acc, e + 2 * L);
            DoubleVector b3 = DoubleVector.fromArray(LANES, acc, e + 3 * L);
            for (int k = 0, r = mAt + i, gk = gAt, hk = gAtSecond; k < count; k++, r -= mStep, gk -= gStep, hk -= gStep) {
                DoubleVector ga = DoubleVector.broadcast(LANES, g[gk]);
                DoubleVector gb = DoubleVector.broadcast(LANES, g[hk]);
                DoubleVector m0 = DoubleVector.fromArray(LANES, m, r);
                DoubleVector m1 = DoubleVector.fromArray(LANES, m, r + L);
                DoubleVector m2 = DoubleVector.fromArray(LANES, m, r + 2 * L);
                DoubleVector m3 = DoubleVector.fromArray(LANES, m, r + 3 * L);
                if (fma) {
                    a0 = m0.fma(ga, a0);
                    a1 = m1.fma(ga, a1);
                    a2 = m2.fma(ga, a2);
                    a3 = m3.fma(ga, a3);
                    b0 = m0.fma(gb, b0);
                    b1 = m1.fma(gb, b1);
                    b2 = m2.fma(gb, b2);
                    b3 = m3.fma(gb, b3);
                } else {
                    a0 = a0.add(m0.mul(ga));
                    a1 = a1.add(m1.mul(ga));
                    a2 = a2.add(m2.mul(ga));
                    a3 = a3.add(m3.mul(ga));
                    b0 = b0.add(m0.mul(gb));
                    b1 = b1.add(m1.mul(gb));
                    b2 = b2.add(m2.mul(gb));
                    b3 = b3.add(m3.mul(gb));
                }
            }
            a0.intoArray(acc, d);
            a1.intoArray(acc, d + L);
            a2.intoArray(acc, d + 2 * L);
            a3.intoArray(acc, d + 3 * L);
            b0.intoArray(acc, e);
            b1.intoArray(acc, e + L);
            b2.intoArray(acc, e + 2 * L);
            b3.intoArray(acc, e + 3 * L);
        }
        if (i < width) {  // the columns that fill no block of four vectors: one target at a time
            addStrided(acc, at + i, width - i, m, mAt + i, mStep, g, gAt, gStep, count);
            addStrided(acc, atSecond + i, width - i, m, mAt + i, mStep, g, gAtSecond, gStep, count);
        }
    }

    /**
     * acc[at + i] += m[mAt − k·mStep + i]·g[gAt − k·gStep] for i in [0, width), k = 0, 1, …,
     * count − 1 in that order, as {@link MatrixKernels} defines it: four vectors of acc at a time in
     * registers, then one, then the last elements one by one.
     */
    private void addStrided(double[] acc, int at, int width, double[] m, int mAt, int mStep,
                            double[] g, int gAt, int gStep, int count) {
        boolean fma = fused;
        int i = 0;
        for (; i + 4 * L <= width; i += 4 * L) {
            int d = at + i;
            DoubleVector a0 = DoubleVector.fromArray(LANES, acc, d);
            DoubleVector a1 = DoubleVector.fromArray(LANES, acc, d + L);
            DoubleVector a2 = DoubleVector.fromArray(LANES, acc, d + 2 * L);
            DoubleVector a3 = DoubleVector.fromArray(LANES, acc, d + 3 * L);
            for (int k = 0, r = mAt + i, gk = gAt; k < count; k++, r -= mStep, gk -= gStep) {
                DoubleVector gb = DoubleVector.broadcast(LANES, g[gk]);
                DoubleVector m0 = DoubleVector.fromArray(LANES, m, r);
                a0 = fma ? m0.fma(gb, a0) : a0.add(m0.mul(gb));
                DoubleVector m1 = DoubleVector.fromArray(LANES, m, r + L);
                a1 = fma ? m1.fma(gb, a1) : a1.add(m1.mul(gb));
                DoubleVector m2 = DoubleVector.fromArray(LANES, m, r + 2 * L);
                a2 = fma ? m2.fma(gb, a2) : a2.add(m2.mul(gb));
                DoubleVector m3 = DoubleVector.fromArray(LANES, m, r + 3 * L);
                a3 = fma ? m3.fma(gb, a3) : a3.add(m3.mul(gb));
            }
            a0.intoArray(acc, d);
            a1.intoArray(acc, d + L);
            a2.intoArray(acc, d + 2 * L);
            a3.intoArray(acc, d + 3 * L);
        }
        for (; i + L <= width; i += L) {
            int d = at + i;
            DoubleVector a = DoubleVector.fromArray(LANES, acc, d);
            for (int k = 0, r = mAt + i, gk = gAt; k < count; k++, r -= mStep, gk -= gStep) {
                DoubleVector mr = DoubleVector.fromArray(LANES, m, r);
                DoubleVector gb = DoubleVector.broadcast(LANES, g[gk]);
                a = fma ? mr.fma(gb, a) : a.add(mr.mul(gb));
            }
            a.intoArray(acc, d);
        }
        for (; i < width; i++) {
            double a = acc[at + i];
            for (int k = 0, r = mAt + i, gk = gAt; k < count; k++, r -= mStep, gk -= gStep) {
                a = fma ? Math.fma(m[r], g[gk], a) : a + m[r] * g[gk];
            }
            acc[at + i] = a;
        }
    }


    @Override
    boolean reordersSums() {
        return fused;
    }

    @Override
    public String toString() {
        return (fused ? "fused" : "exact") + " vector kernels, " + L + " lanes";
    }
}
