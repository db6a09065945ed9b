package microgpt.fast;

/**
 * The loops the fast engine spends its time in: matrix products over a range of positions, and
 * their two backward forms. Vectors are position-major: position p of a batch of vectors of width
 * w starts at {@code p * w}; a matrix [rows][cols] starting at {@code off} is row-major.
 *
 * <p>Every sum is taken in the order the scalar engine takes it, because floating-point addition
 * is not associative and the two engines must agree to the last bit. Forward sums go left to
 * right from the first product, as {@code Value.dot} does. Gradients are sums over the parents of
 * a node, and the scalar engine adds them in the reverse of its topological order; for a matrix
 * product that is the rows from the last to the first, and the positions of a document from the
 * last to the first.
 *
 * <p>Within that order the loops are free, and they are arranged for speed: each row of weights is
 * read once for all the positions, and eight independent sums are kept in registers at a time, so
 * that the CPU's adders never wait for one another. (They are not vectorized: HotSpot's JIT in
 * Java 17 vectorizes a loop only when all its arrays are indexed alike, and these loops read the
 * weights at one offset and the activations at another; {@link VectorKernels} vectorizes them by hand
 * when the JVM has the Vector API's module, see {@link Kernels}.) Each kernel cuts its output in two for
 * the {@link Team}; every output element is still one sum in one order, so the cut changes nothing
 * but the time.
 */
final class MatrixKernels {

    private MatrixKernels() {}

    /**
     * out[p][o] = Σ_i w[o][i]·x[p][i] for positions [from, to), each sum from left to right.
     * Four rows and two positions at a time: eight independent sums keep the adders busy while
     * each sum keeps its order, and each row is read once for all the positions.
     */
    static void matmul(Team team, double[] out, double[] x, double[] w, int off, int rows, int cols, int from, int to) {
        if (!team.worthSharing((long) rows * cols * (to - from))) {
            matmulRows(out, x, w, off, rows, cols, from, to, 0, rows);
            return;
        }
        // The rows cut in two at a multiple of 4, the block below.
        team.run(rows, (rows / 2) & ~3, (rowFrom, rowTo) -> matmulRows(out, x, w, off, rows, cols, from, to, rowFrom, rowTo));
    }

    /** {@link #matmul} for the rows [rowFrom, rowTo) only. */
    private static void matmulRows(double[] out, double[] x, double[] w, int off, int rows, int cols, int from, int to,
                                   int rowFrom, int rowTo) {
        int o = rowFrom;
        for (; o + 4 <= rowTo; o += 4) {
            int r0 = off + o * cols;
            int r1 = r0 + cols;
            int r2 = r1 + cols;
            int r3 = r2 + cols;
            for (int p = from; p < to; p += 2) {
                // An odd last position is paired with itself: its second four sums are thrown away,
                // but the loop waits on its adders, not its multipliers, so they cost almost nothing.
                boolean pair = p + 1 < to;
                int xp = p * cols;
                int xq = pair ? xp + cols : xp;
                double xi = x[xp];
                double yi = x[xq];
                double s0 = w[r0] * xi;
                double s1 = w[r1] * xi;
                double s2 = w[r2] * xi;
                double s3 = w[r3] * xi;
                double t0 = w[r0] * yi;
                double t1 = w[r1] * yi;
                double t2 = w[r2] * yi;
                double t3 = w[r3] * yi;
                for (int i = 1; i < cols; i++) {
                    xi = x[xp + i];
                    yi = x[xq + i];
                    double w0 = w[r0 + i];
                    double w1 = w[r1 + i];
                    double w2 = w[r2 + i];
                    double w3 = w[r3 + i];
                    s0 += w0 * xi;
                    s1 += w1 * xi;
                    s2 += w2 * xi;
                    s3 += w3 * xi;
                    t0 += w0 * yi;
                    t1 += w1 * yi;
                    t2 += w2 * yi;
                    t3 += w3 * yi;
                }
                int op = p * rows + o;
                out[op] = s0;
                out[op + 1] = s1;
                out[op + 2] = s2;
                out[op + 3] = s3;
                if (pair) {
                    int oq = op + rows;
                    out[oq] = t0;
                    out[oq + 1] = t1;
                    out[oq + 2] = t2;
                    out[oq + 3] = t3;
                }
            }
        }
        for (; o < rowTo; o++) {
            int r = off + o * cols;
            for (int p = from; p < to; p++) {
                int xp = p * cols;
                double s = w[r] * x[xp];
                for (int i = 1; i < cols; i++) {
                    s += w[r + i] * x[xp + i];
                }
                out[p * rows + o] = s;
            }
        }
    }

    /**
     * An order of rows, as runs that each count down: {@code {first, count, first, count, ...}}
     * stands for first, first − 1, …, first − count + 1, then the next run. (Runs rather than a
     * list of rows, so that the kernel's row index is a loop counter and the JIT can drop the
     * bounds checks.) This one is all the rows from last to first: the scalar engine's order.
     */
    static int[] descending(int rows) {
        return new int[] {rows - 1, rows};
    }

    private static final int ROWS_PER_CHUNK = 16; // rows of w kept hot in the L1 cache for all the positions

    /**
     * The gradient with respect to a matrix product's input: dx[p][i] += w[o][i]·g[p][o] for
     * positions [from, to), over the rows o in the order {@code runs} gives (see {@link #descending}).
     * The columns are shared with the team's second thread.
     *
     * <p>Eight elements of dx at a time stay in registers while the rows stream past: eight
     * independent sums, each in the required order. A gradient of exactly 0 (a ReLU that was off)
     * is skipped: adding w·0 = ±0 leaves every sum unchanged (at most the sign of a zero sum
     * differs, and no weight update depends on that sign).
     */
    static void matmulBackwardInput(Team team, double[] dx, double[] g, double[] w, int off, int rows, int cols, int[] runs,
                                    int from, int to) {
        if (!team.worthSharing((long) rows * cols * (to - from))) {
            backwardInputColumns(dx, g, w, off, rows, cols, runs, from, to, 0, cols);
            return;
        }
        // The columns cut in two at a multiple of 8, the block of addStrided.
        team.run(cols, (cols / 2) & ~7,
                (colFrom, colTo) -> backwardInputColumns(dx, g, w, off, rows, cols, runs, from, to, colFrom, colTo));
    }

    /** {@link #matmulBackwardInput} for the columns [colFrom, colTo) only. */
    private static void backwardInputColumns(double[] dx, double[] g, double[] w, int off, int rows, int cols, int[] runs,
                                             int from, int to, int colFrom, int colTo) {
        for (int k = 0; k < runs.length; k += 2) {
            int last = runs[k] - runs[k + 1] + 1;
            for (int top = runs[k]; top >= last; top -= ROWS_PER_CHUNK) {
                int bottom = Math.max(last, top - ROWS_PER_CHUNK + 1);
                for (int p = from; p < to; p++) {
                    // dx[p][i] += w[o][i]·g[p][o] for the rows o = top, top − 1, …, bottom.
                    addStrided(dx, p * cols + colFrom, colTo - colFrom, w, off + top * cols + colFrom, cols,
                            g, p * rows + top, 1, top - bottom + 1);
                }
            }
        }
    }

    /**
     * The gradient with respect to a matrix: dw[o][i] += x[p][i]·g[p][o] over positions [0, n)
     * from last to first. Done once per matrix after the positions' gradients are known, so each
     * element of dw is read and written once per step. The rows are shared with the team's second
     * thread.
     */
    static void matmulBackwardWeights(Team team, double[] dw, int off, double[] x, double[] g, int rows, int cols, int n) {
        if (!team.worthSharing((long) rows * cols * n)) {
            backwardWeightsRows(dw, off, x, g, rows, cols, n, 0, rows);
            return;
        }
        team.run(rows, (rowFrom, rowTo) -> backwardWeightsRows(dw, off, x, g, rows, cols, n, rowFrom, rowTo));
    }

    /** {@link #matmulBackwardWeights} for the rows [rowFrom, rowTo) only. */
    private static void backwardWeightsRows(double[] dw, int off, double[] x, double[] g, int rows, int cols, int n,
                                            int rowFrom, int rowTo) {
        for (int o = rowFrom; o < rowTo; o++) {
            addStrided(dw, off + o * cols, cols, x, (n - 1) * cols, cols, g, (n - 1) * rows + o, rows, n);
        }
    }

    /**
     * acc[at + i] += m[mAt − k·mStep + i]·g[gAt − k·gStep] for i in [0, width), the terms added for
     * k = 0, 1, …, count − 1 in that order: a run of a matrix's rows (or of the positions) against
     * the gradients that weigh them. Eight elements of acc at a time stay in registers while the
     * rows stream past, and zero gradients are skipped (see {@link #matmulBackwardInput}).
     */
    private static void addStrided(double[] acc, int at, int width, double[] m, int mAt, int mStep,
                                   double[] g, int gAt, int gStep, int count) {
        int i = 0;
        for (; i + 8 <= width; i += 8) {
            int d = at + i;
            double a0 = acc[d];
            double a1 = acc[d + 1];
            double a2 = acc[d + 2];
            double a3 = acc[d + 3];
            double a4 = acc[d + 4];
            double a5 = acc[d + 5];
            double a6 = acc[d + 6];
            double a7 = acc[d + 7];
            for (int k = 0, r = mAt + i, gk = gAt; k < count; k++, r -= mStep, gk -= gStep) {
                double gv = g[gk];
                if (gv == 0) {
                    continue;
                }
                a0 += m[r] * gv;
                a1 += m[r + 1] * gv;
                a2 += m[r + 2] * gv;
                a3 += m[r + 3] * gv;
                a4 += m[r + 4] * gv;
                a5 += m[r + 5] * gv;
                a6 += m[r + 6] * gv;
                a7 += m[r + 7] * gv;
            }
            acc[d] = a0;
            acc[d + 1] = a1;
            acc[d + 2] = a2;
            acc[d + 3] = a3;
            acc[d + 4] = a4;
            acc[d + 5] = a5;
            acc[d + 6] = a6;
            acc[d + 7] = a7;
        }
        for (; i < width; i++) {
            double a = acc[at + i];
            for (int k = 0, r = mAt + i, gk = gAt; k < count; k++, r -= mStep, gk -= gStep) {
                a += m[r] * g[gk];
            }
            acc[at + i] = a;
        }
    }
}
