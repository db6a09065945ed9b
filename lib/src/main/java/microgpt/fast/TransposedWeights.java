package microgpt.fast;

import microgpt.nn.GptConfig;

/**
 * A copy of the weights with each matrix of the forward pass transposed, [cols][rows] at its own
 * offset, for kernels that read it that way ({@link Kernels#wantsTransposedWeights}); for the
 * others it holds nothing. Refreshed at the start of every forward pass of a training step (a
 * few percent of the step), because the optimizer changes the weights in between.
 */
final class TransposedWeights {

    private final GptConfig config;
    private final Layout layout;
    private final double[] copy;   // null when the kernels do not want it

    TransposedWeights(GptConfig config, Layout layout, Kernels kernels) {
        this.config = config;
        this.layout = layout;
        this.copy = kernels.wantsTransposedWeights() ? new double[layout.size()] : null;
    }

    /** Copies {@code w}'s matrices, transposed; returns the copy, or null if the kernels want none. */
    double[] refresh(double[] w) {
        if (copy == null) {
            return null;
        }
        int e = config.nEmbd();
        transpose(w, layout.lmHead(), config.vocabSize(), e);
        for (Layout.Layer lw : layout.layers()) {
            transpose(w, lw.wq(), e, e);
            transpose(w, lw.wk(), e, e);
            transpose(w, lw.wv(), e, e);
            transpose(w, lw.wo(), e, e);
            transpose(w, lw.fc1(), 4 * e, e);
            transpose(w, lw.fc2(), e, 4 * e);
        }
        return copy;
    }

    /** copy[off + i·rows + o] = w[off + o·cols + i]. */
    private void transpose(double[] w, int off, int rows, int cols) {
        for (int o = 0; o < rows; o++) {
            for (int i = 0; i < cols; i++) {
                copy[off + i * rows + o] = w[off + o * cols + i];
            }
        }
    }
}
