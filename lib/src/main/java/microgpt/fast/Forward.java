package microgpt.fast;

import microgpt.nn.GptConfig;

/**
 * The GPT's forward pass on flat arrays, written out layer by layer: token and position
 * embeddings, RMSNorm, then per block causal self-attention and an MLP, each with a residual
 * connection, then the language-model head and, for training, the cross-entropy losses.
 *
 * <p>It computes positions [from, to) of one document, given that the key-value cache in
 * {@link Activations} already holds positions [0, from): training runs a whole document at once
 * (from 0), decoding runs one position at a time. Each layer is computed for all the positions
 * before the next layer, so that each weight matrix is read once per layer, not once per position;
 * the results are the same, because attention at position p reads only positions up to p.
 *
 * <p>Every operation rounds exactly as the scalar engine's: the same sums in the same order, and
 * the same powers ({@code Math.pow(x, -1)} where the scalar engine divides by a {@code Value}).
 * In a large model the matrix products and the attention heads are shared with the {@link Team}'s
 * second thread.
 */
final class Forward {

    private final GptConfig c;
    private final Layout layout;
    private final Team team;
    private final Kernels kernels;
    private final Attention attention;
    private final double inverseWidth;     // x / n is x · n^-1 for a Value: so here too

    Forward(GptConfig c, Layout layout, Team team, Kernels kernels) {
        this.c = c;
        this.layout = layout;
        this.team = team;
        this.kernels = kernels;
        this.attention = new Attention(c, team);
        this.inverseWidth = Math.pow(c.nEmbd(), -1);
    }

    /** Runs positions [from, to) of the document whose tokens are in {@code a.tokens}. */
    void run(double[] w, Activations a, int from, int to) {
        run(w, null, a, from, to);
    }

    /** {@link #run(double[], Activations, int, int)} given also the weights transposed, or null ({@link TransposedWeights}). */
    void run(double[] w, double[] wt, Activations a, int from, int to) {
        int e = c.nEmbd();
        for (int p = from; p < to; p++) {
            int te = layout.wte() + a.tokens[p] * e;
            int pe = layout.wpe() + p * e;
            for (int i = 0; i < e; i++) {
                a.emb[p * e + i] = w[te + i] + w[pe + i];
            }
        }
        RmsNorm.forward(a.x[0], a.emb, from, to, e, inverseWidth, a.embDen, a.embScale);
        for (int l = 0; l < c.nLayer(); l++) {
            Layout.Layer lw = layout.layers().get(l);
            attentionBlock(lw, w, wt, a, l, from, to);
            mlpBlock(lw, w, wt, a, l, from, to);
        }
        kernels.matmul(team, a.logits, a.x[c.nLayer()], w, wt, layout.lmHead(), c.vocabSize(), e, from, to);
    }

    /** x[l] → xMid[l]: RMSNorm, q/k/v, attention over positions 0..p, the output projection, the residual. */
    private void attentionBlock(Layout.Layer lw, double[] w, double[] wt, Activations a, int l, int from, int to) {
        int e = c.nEmbd();
        double[] x = a.x[l];
        RmsNorm.forward(a.xa[l], x, from, to, e, inverseWidth, a.attDen[l], a.attScale[l]);
        kernels.matmul(team, a.q[l], a.xa[l], w, wt, lw.wq(), e, e, from, to);
        kernels.matmul(team, a.k[l], a.xa[l], w, wt, lw.wk(), e, e, from, to);
        kernels.matmul(team, a.v[l], a.xa[l], w, wt, lw.wv(), e, e, from, to);
        attention.forward(a, l, from, to);
        kernels.matmul(team, a.linearOut, a.heads[l], w, wt, lw.wo(), e, e, from, to);
        for (int i = from * e; i < to * e; i++) {
            a.xMid[l][i] = a.linearOut[i] + x[i];
        }
    }

    /** xMid[l] → x[l + 1]: RMSNorm, fc1, ReLU, fc2, the residual. */
    private void mlpBlock(Layout.Layer lw, double[] w, double[] wt, Activations a, int l, int from, int to) {
        int e = c.nEmbd();
        double[] xMid = a.xMid[l];
        RmsNorm.forward(a.xm[l], xMid, from, to, e, inverseWidth, a.mlpDen[l], a.mlpScale[l]);
        double[] fc = a.fc[l];
        double[] hidden = a.hidden[l];
        kernels.matmul(team, fc, a.xm[l], w, wt, lw.fc1(), 4 * e, e, from, to);
        for (int i = from * 4 * e; i < to * 4 * e; i++) {
            hidden[i] = Math.max(0, fc[i]);
        }
        kernels.matmul(team, a.linearOut, hidden, w, wt, lw.fc2(), e, 4 * e, from, to);
        double[] out = a.x[l + 1];
        for (int i = from * e; i < to * e; i++) {
            out[i] = a.linearOut[i] + xMid[i];
        }
    }

    /**
     * The mean cross-entropy of predicting tokens[p + 1] at positions [0, n): −log of the
     * softmax of the logits at the target, e·total^-1 as the scalar engine rounds it. The losses
     * are summed from the first position and multiplied by 1/n, as {@code Value.sum(...).mul(1.0 / n)}.
     */
    static double loss(GptConfig c, Activations a, int n) {
        return lossSum(c, a, n) * (1.0 / n);
    }

    /** The sum of the n positions' losses that {@link #loss} averages, summed from the first position. */
    static double lossSum(GptConfig c, Activations a, int n) {
        int vocab = c.vocabSize();
        double sum = 0;
        for (int p = 0; p < n; p++) {
            int row = p * vocab;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < vocab; i++) {
                max = Math.max(max, a.logits[row + i]);
            }
            double total = 0;
            for (int i = 0; i < vocab; i++) {
                double ex = Math.exp(a.logits[row + i] - max);
                a.lmExp[row + i] = ex;
                total = i == 0 ? ex : total + ex;
            }
            double inverse = Math.pow(total, -1);
            a.lmTotal[p] = total;
            a.lmInv[p] = inverse;
            double loss = -Math.log(a.lmExp[row + a.tokens[p + 1]] * inverse);
            a.tokenLoss[p] = loss;
            sum = p == 0 ? loss : sum + loss;
        }
        return sum;
    }
}
