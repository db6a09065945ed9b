package microgpt.fast;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The simd engine's forward product out[p][o] = Σ_i x[p][i]·w[o][i]: every sum a chain of fused
 * multiply-adds from i = 0, in two forms with the same bits.
 *
 * <p>{@link #transposedRows} reads the weights transposed ({@link TransposedWeights}, [cols][rows]),
 * so that eight outputs lie side by side in one vector: it broadcasts x[p][i] and adds it times a
 * row of the transposed matrix, for four positions and four vectors of outputs at a time. No sum is
 * split over lanes, so no lanes are added up at the end (which cost more than the products).
 * {@link #rowMajorRows} is the same chains one by one on the weights as they are, for a caller that
 * has no transposed copy (a decoder, whose weights may change under it). Loaded only through
 * {@link VectorKernels}.
 */
final class FusedProduct {

    private static final VectorSpecies<Double> LANES = DoubleVector.SPECIES_PREFERRED;
    private static final int L = LANES.length();

    private FusedProduct() {}

    /** The rows [rowFrom, rowTo) of out for positions [from, to), from wt[off + i·rows + o] = w[o][i]. */
    static void transposedRows(double[] out, double[] x, double[] wt, int off, int rows, int cols, int from, int to,
                               int rowFrom, int rowTo) {
        int o = rowFrom;
        for (; o + 4 * L <= rowTo; o += 4 * L) {
            fourVectors(out, x, wt, off, rows, cols, from, to, o);
        }
        for (; o + L <= rowTo; o += L) {
            oneVector(out, x, wt, off, rows, cols, from, to, o);
        }
        for (; o < rowTo; o++) {                 // the last rows that fill no vector
            for (int p = from; p < to; p++) {
                double s = 0;
                for (int i = 0; i < cols; i++) {
                    s = Math.fma(x[p * cols + i], wt[off + i * rows + o], s);
                }
                out[p * rows + o] = s;
            }
        }
    }

    /** Outputs [o, o + 4L) for four positions at a time; a last short group repeats its last position. */
    private static void fourVectors(double[] out, double[] x, double[] wt, int off, int rows, int cols, int from, int to,
                                    int o) {
        for (int p = from; p < to; p += 4) {
            int x0 = p * cols;
            int x1 = Math.min(p + 1, to - 1) * cols;
            int x2 = Math.min(p + 2, to - 1) * cols;
            int x3 = Math.min(p + 3, to - 1) * cols;
            DoubleVector a0 = DoubleVector.zero(LANES), a1 = a0, a2 = a0, a3 = a0;
            DoubleVector b0 = a0, b1 = a0, b2 = a0, b3 = a0;
            DoubleVector c0 = a0, c1 = a0, c2 = a0, c3 = a0;
            DoubleVector d0 = a0, d1 = a0, d2 = a0, d3 = a0;
            for (int i = 0, r = off + o; i < cols; i++, r += rows) {
                DoubleVector w0 = DoubleVector.fromArray(LANES, wt, r);
                DoubleVector w1 = DoubleVector.fromArray(LANES, wt, r + L);
                DoubleVector w2 = DoubleVector.fromArray(LANES, wt, r + 2 * L);
                DoubleVector w3 = DoubleVector.fromArray(LANES, wt, r + 3 * L);
                DoubleVector xa = DoubleVector.broadcast(LANES, x[x0 + i]);
                a0 = w0.fma(xa, a0);
                a1 = w1.fma(xa, a1);
                a2 = w2.fma(xa, a2);
                a3 = w3.fma(xa, a3);
                DoubleVector xb = DoubleVector.broadcast(LANES, x[x1 + i]);
                b0 = w0.fma(xb, b0);
                b1 = w1.fma(xb, b1);
                b2 = w2.fma(xb, b2);
                b3 = w3.fma(xb, b3);
                DoubleVector xc = DoubleVector.broadcast(LANES, x[x2 + i]);
                c0 = w0.fma(xc, c0);
                c1 = w1.fma(xc, c1);
                c2 = w2.fma(xc, c2);
                c3 = w3.fma(xc, c3);
                DoubleVector xd = DoubleVector.broadcast(LANES, x[x3 + i]);
                d0 = w0.fma(xd, d0);
                d1 = w1.fma(xd, d1);
                d2 = w2.fma(xd, d2);
                d3 = w3.fma(xd, d3);
            }
            store(out, p * rows + o, a0, a1, a2, a3);
            if (p + 1 < to) {
                store(out, (p + 1) * rows + o, b0, b1, b2, b3);
            }
            if (p + 2 < to) {
                store(out, (p + 2) * rows + o, c0, c1, c2, c3);
            }
            if (p + 3 < to) {
                store(out, (p + 3) * rows + o, d0, d1, d2, d3);
            }
        }
    }

    private static void store(double[] out, int at, DoubleVector v0, DoubleVector v1, DoubleVector v2, DoubleVector v3) {
        v0.intoArray(out, at);
        v1.intoArray(out, at + L);
        v2.intoArray(out, at + 2 * L);
        v3.intoArray(out, at + 3 * L);
    }

    /** Outputs [o, o + L), one position at a time. */
    private static void oneVector(double[] out, double[] x, double[] wt, int off, int rows, int cols, int from, int to,
                                  int o) {
        for (int p = from; p < to; p++) {
            DoubleVector a = DoubleVector.zero(LANES);
            for (int i = 0, r = off + o; i < cols; i++, r += rows) {
                a = DoubleVector.fromArray(LANES, wt, r).fma(DoubleVector.broadcast(LANES, x[p * cols + i]), a);
            }
            a.intoArray(out, p * rows + o);
        }
    }

    /** The same sums as {@link #transposedRows} from w itself, [rows][cols]: four rows' chains side by side. */
    static void rowMajorRows(double[] out, double[] x, double[] w, int off, int rows, int cols, int from, int to,
                             int rowFrom, int rowTo) {
        for (int p = from; p < to; p++) {
            int xp = p * cols;
            int o = rowFrom;
            for (; o + 4 <= rowTo; o += 4) {
                int r = off + o * cols;
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                for (int i = 0; i < cols; i++) {
                    double xi = x[xp + i];
                    s0 = Math.fma(xi, w[r + i], s0);
                    s1 = Math.fma(xi, w[r + cols + i], s1);
                    s2 = Math.fma(xi, w[r + 2 * cols + i], s2);
                    s3 = Math.fma(xi, w[r + 3 * cols + i], s3);
                }
                out[p * rows + o] = s0;
                out[p * rows + o + 1] = s1;
                out[p * rows + o + 2] = s2;
                out[p * rows + o + 3] = s3;
            }
            for (; o < rowTo; o++) {
                double s = 0;
                for (int i = 0; i < cols; i++) {
                    s = Math.fma(x[xp + i], w[off + o * cols + i], s);
                }
                out[p * rows + o] = s;
            }
        }
    }
}
