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
 * weights at one offset and the activations at another.)
 */
final class Kernels {

    private Kernels() {}

    /**
     * out[p][o] = Σ_i w[o][i]·x[p][i] for positions [from, to), each sum from left to right.
     * Four rows and two positions at a time: eight independent sums keep the adders busy while
     * each sum keeps its order, and each row is read once for all the positions.
     */
    static void matmul(double[] out, double[] x, double[] w, int off, int rows, int cols, int from, int to) {
        matmul(out, x, w, off, rows, cols, from, to, 0, rows);
    }

    /** {@link #matmul(double[], double[], double[], int, int, int, int, int)} for the rows [rowFrom, rowTo) only. */
    static void matmul(double[] out, double[] x, double[] w, int off, int rows, int cols, int from, int to,
                       int rowFrom, int rowTo) {
        int o = rowFrom;
        for (; o + 4 <= rowTo; o += 4) {
            int r0 = off + o * cols;
            int r1 = r0 + cols;
            int r2 = r1 + cols;
            int r3 = r2 + cols;
            int p = from;
            for (; p + 2 <= to; p += 2) {
                int xp = p * cols;
                int xq = xp + cols;
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
                int oq = op + rows;
                out[op] = s0;
                out[op + 1] = s1;
                out[op + 2] = s2;
                out[op + 3] = s3;
                out[oq] = t0;
                out[oq + 1] = t1;
                out[oq + 2] = t2;
                out[oq + 3] = t3;
            }
            if (p < to) {
                int xp = p * cols;
                double xi = x[xp];
                double s0 = w[r0] * xi;
                double s1 = w[r1] * xi;
                double s2 = w[r2] * xi;
                double s3 = w[r3] * xi;
                for (int i = 1; i < cols; i++) {
                    xi = x[xp + i];
                    s0 += w[r0 + i] * xi;
                    s1 += w[r1 + i] * xi;
                    s2 += w[r2 + i] * xi;
                    s3 += w[r3 + i] * xi;
                }
                int op = p * rows + o;
                out[op] = s0;
                out[op + 1] = s1;
                out[op + 2] = s2;
                out[op + 3] = s3;
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
     *
     * <p>Eight elements of dx at a time stay in registers while the rows stream past: eight
     * independent sums, each in the required order. A gradient of exactly 0 (a ReLU that was off)
     * is skipped: adding w·0 = ±0 leaves every sum unchanged (at most the sign of a zero sum
     * differs, and no weight update depends on that sign).
     */
    static void matmulBackwardInput(double[] dx, double[] g, double[] w, int off, int rows, int cols, int[] runs,
                                    int from, int to) {
        matmulBackwardInput(dx, g, w, off, rows, cols, runs, from, to, 0, cols);
    }

    /** {@link #matmulBackwardInput(double[], double[], double[], int, int, int, int[], int, int)} for the columns [colFrom, colTo) only. */
    static void matmulBackwardInput(double[] dx, double[] g, double[] w, int off, int rows, int cols, int[] runs,
                                    int from, int to, int colFrom, int colTo) {
        for (int k = 0; k < runs.length; k += 2) {
            int last = runs[k] - runs[k + 1] + 1;
            for (int top = runs[k]; top >= last; top -= ROWS_PER_CHUNK) {
                int bottom = Math.max(last, top - ROWS_PER_CHUNK + 1);
                for (int p = from; p < to; p++) {
                    addRows(dx, g, w, off, rows, cols, p, top, bottom, colFrom, colTo);
                }
            }
        }
    }

    /** dx[p][i] += w[o][i]·g[p][o] for the rows o = top, top − 1, …, bottom and the columns [colFrom, colTo). */
    private static void addRows(double[] dx, double[] g, double[] w, int off, int rows, int cols, int p, int top, int bottom,
                                int colFrom, int colTo) {
        int d = p * cols;
        int gp = p * rows;
        int i = colFrom;
        for (; i + 8 <= colTo; i += 8) {
            double a0 = dx[d + i];
            double a1 = dx[d + i + 1];
            double a2 = dx[d + i + 2];
            double a3 = dx[d + i + 3];
            double a4 = dx[d + i + 4];
            double a5 = dx[d + i + 5];
            double a6 = dx[d + i + 6];
            double a7 = dx[d + i + 7];
            for (int o = top; o >= bottom; o--) {
                double gv = g[gp + o];
                if (gv == 0) {
                    continue;
                }
                int r = off + o * cols + i;
                a0 += w[r] * gv;
                a1 += w[r + 1] * gv;
                a2 += w[r + 2] * gv;
                a3 += w[r + 3] * gv;
                a4 += w[r + 4] * gv;
                a5 += w[r + 5] * gv;
                a6 += w[r + 6] * gv;
                a7 += w[r + 7] * gv;
            }
            dx[d + i] = a0;
            dx[d + i + 1] = a1;
            dx[d + i + 2] = a2;
            dx[d + i + 3] = a3;
            dx[d + i + 4] = a4;
            dx[d + i + 5] = a5;
            dx[d + i + 6] = a6;
            dx[d + i + 7] = a7;
        }
        for (; i < colTo; i++) {
            double a = dx[d + i];
            for (int o = top; o >= bottom; o--) {
                a += w[off + o * cols + i] * g[gp + o];
            }
            dx[d + i] = a;
        }
    }

    /**
     * The gradient with respect to a matrix: dw[o][i] += x[p][i]·g[p][o] over positions [0, n)
     * from last to first. Done once per matrix after the positions' gradients are known, so each
     * element of dw is read and written once per step; eight of them at a time stay in registers
     * while the positions go by. Zero gradients are skipped, as in {@link #matmulBackwardInput}.
     */
    static void matmulBackwardWeights(double[] dw, int off, double[] x, double[] g, int rows, int cols, int n) {
        matmulBackwardWeights(dw, off, x, g, rows, cols, n, 0, rows);
    }

    /** {@link #matmulBackwardWeights(double[], int, double[], double[], int, int, int)} for the rows [rowFrom, rowTo) only. */
    static void matmulBackwardWeights(double[] dw, int off, double[] x, double[] g, int rows, int cols, int n,
                                      int rowFrom, int rowTo) {
        for (int o = rowFrom; o < rowTo; o++) {
            int r = off + o * cols;
            int i = 0;
            for (; i + 8 <= cols; i += 8) {
                int k = r + i;
                double a0 = dw[k];
                double a1 = dw[k + 1];
                double a2 = dw[k + 2];
                double a3 = dw[k + 3];
                double a4 = dw[k + 4];
                double a5 = dw[k + 5];
                double a6 = dw[k + 6];
                double a7 = dw[k + 7];
                for (int p = n - 1; p >= 0; p--) {
                    double gv = g[p * rows + o];
                    if (gv == 0) {
                        continue;
                    }
                    int xp = p * cols + i;
                    a0 += x[xp] * gv;
                    a1 += x[xp + 1] * gv;
                    a2 += x[xp + 2] * gv;
                    a3 += x[xp + 3] * gv;
                    a4 += x[xp + 4] * gv;
                    a5 += x[xp + 5] * gv;
                    a6 += x[xp + 6] * gv;
                    a7 += x[xp + 7] * gv;
                }
                dw[k] = a0;
                dw[k + 1] = a1;
                dw[k + 2] = a2;
                dw[k + 3] = a3;
                dw[k + 4] = a4;
                dw[k + 5] = a5;
                dw[k + 6] = a6;
                dw[k + 7] = a7;
            }
            for (; i < cols; i++) {
                double a = dw[r + i];
                for (int p = n - 1; p >= 0; p--) {
                    a += x[p * cols + i] * g[p * rows + o];
                }
                dw[r + i] = a;
            }
        }
    }

    /**
     * RMSNorm of position p: out = x·(mean(x²) + 1e-5)^-0.5, with the power's base and result
     * kept for the backward pass. {@code inverseWidth} is width^-1: the scalar engine divides by the
     * width as a multiplication by its power -1, and so must this.
     */
    static void rmsnorm(double[] out, double[] x, int p, int width, double inverseWidth, double[] den, double[] scale) {
        int xp = p * width;
        double ms = x[xp] * x[xp];
        for (int i = 1; i < width; i++) {
            ms += x[xp + i] * x[xp + i];
        }
        double d = ms * inverseWidth + 1e-5;
        double s = Math.pow(d, -0.5);
        den[p] = d;
        scale[p] = s;
        for (int i = 0; i < width; i++) {
            out[xp + i] = x[xp + i] * s;
        }
    }

    /**
     * The backward pass of {@link #rmsnorm} at position p. {@code dx} already holds the gradient
     * that reaches x from the residual connection (or 0); to it are added, in the scalar engine's
     * order, the path through out = x·scale and then twice the path through mean(x²).
     */
    static void rmsnormBackward(double[] dx, double[] dOut, double[] x, int p, int width, double inverseWidth,
                                double[] den, double[] scale) {
        int xp = p * width;
        double dScale = 0;
        for (int i = width - 1; i >= 0; i--) {
            dScale += x[xp + i] * dOut[xp + i];
        }
        double dDen = -0.5 * Math.pow(den[p], -1.5) * dScale;
        double dSumSquares = inverseWidth * dDen;
        double s = scale[p];
        for (int i = 0; i < width; i++) {
            double xi = x[xp + i];
            double dx2 = xi * dSumSquares;
            dx[xp + i] = dx[xp + i] + s * dOut[xp + i] + dx2 + dx2;
        }
    }
}
