package microgpt.fast;

/**
 * RMSNorm over a range of positions, forward and backward: out = x·(mean(x²) + 1e-5)^-0.5 for
 * each position's vector of the given width, rounded as the scalar engine rounds it.
 * {@code inverseWidth} is width^-1: the scalar engine divides by the width as a multiplication by
 * its power -1, and so must this.
 */
final class RmsNorm {

    private RmsNorm() {}

    /** RMSNorm of positions [from, to), with each power's base and result kept for the backward pass. */
    static void forward(double[] out, double[] x, int from, int to, int width, double inverseWidth,
                        double[] den, double[] scale) {
        for (int p = from; p < to; p++) {
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
    }

    /**
     * The backward pass of {@link #forward} at positions [0, n). {@code dx} already holds the
     * gradient that reaches x from the residual connection (or 0); to it are added, in the scalar
     * engine's order, the path through out = x·scale and then twice the path through mean(x²).
     */
    static void backward(double[] dx, double[] dOut, double[] x, int n, int width, double inverseWidth,
                         double[] den, double[] scale) {
        for (int p = 0; p < n; p++) {
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
}
