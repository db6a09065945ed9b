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
 *
 * <p>An instance holds the arguments of the job in progress: one per thread of use.
 */
final class Forward {

    private final GptConfig c;
    private final Layout layout;
    private final SplitKernels kernels;
    private final AttentionJob attention = new AttentionJob();
    private final double inverseWidth;     // x / n is x · n^-1 for a Value: so here too
    private final double attentionScale;   // and x / sqrt(hd) is x · sqrt(hd)^-1

    Forward(GptConfig c, Layout layout, Team team) {
        this.c = c;
        this.layout = layout;
        this.kernels = new SplitKernels(team);
        this.inverseWidth = Math.pow(c.nEmbd(), -1);
        this.attentionScale = Math.pow(Math.pow(c.headDim(), 0.5), -1);
    }

    /** Runs positions [from, to) of the document whose tokens are in {@code a.tokens}. */
    void run(double[] w, Activations a, int from, int to) {
        int e = c.nEmbd();
        for (int p = from; p < to; p++) {
            int te = layout.wte() + a.tokens[p] * e;
            int pe = layout.wpe() + p * e;
            for (int i = 0; i < e; i++) {
                a.emb[p * e + i] = w[te + i] + w[pe + i];
            }
            Kernels.rmsnorm(a.x[0], a.emb, p, e, inverseWidth, a.embDen, a.embScale);
        }
        for (int l = 0; l < c.nLayer(); l++) {
            Layout.Layer lw = layout.layers().get(l);
            attentionBlock(lw, w, a, l, from, to);
            mlpBlock(lw, w, a, l, from, to);
        }
        kernels.matmul(a.logits, a.x[c.nLayer()], w, layout.lmHead(), c.vocabSize(), e, from, to);
    }

    /** x[l] → xMid[l]: RMSNorm, q/k/v, attention over positions 0..p, the output projection, the residual. */
    private void attentionBlock(Layout.Layer lw, double[] w, Activations a, int l, int from, int to) {
        int e = c.nEmbd();
        double[] x = a.x[l];
        for (int p = from; p < to; p++) {
            Kernels.rmsnorm(a.xa[l], x, p, e, inverseWidth, a.attDen[l], a.attScale[l]);
        }
        kernels.matmul(a.q[l], a.xa[l], w, lw.wq(), e, e, from, to);
        kernels.matmul(a.k[l], a.xa[l], w, lw.wk(), e, e, from, to);
        kernels.matmul(a.v[l], a.xa[l], w, lw.wv(), e, e, from, to);
        AttentionJob job = attention;                 // the heads are independent: split them
        job.a = a;
        job.l = l;
        job.from = from;
        job.to = to;
        kernels.run(job, c.nHead(), (long) (to - from) * to * (2 * e + 20 * c.nHead())); // an exp ~ 20 multiply-adds
        kernels.matmul(a.linearOut, a.heads[l], w, lw.wo(), e, e, from, to);
        for (int i = from * e; i < to * e; i++) {
            a.xMid[l][i] = a.linearOut[i] + x[i];
        }
    }

    /** The heads [from, to) of every position of the block. */
    private final class AttentionJob extends Team.Job {
        Activations a;
        int l;
        int from;
        int to;

        @Override
        void run(int headFrom, int headTo) {
            for (int p = from; p < to; p++) {
                for (int h = headFrom; h < headTo; h++) {
                    attend(a, l, p, h);
                }
            }
        }
    }

    /**
     * One head at position p: scores q·k_t / sqrt(head_dim) for t = 0..p, a softmax, and the
     * weighted sum of the values.
     */
    private void attend(Activations a, int l, int p, int h) {
        int e = c.nEmbd();
        int hd = c.headDim();
        int block = c.blockSize();
        int base = h * hd;
        int row = (p * c.nHead() + h) * block;   // where this head's weights over t start
        double[] q = a.q[l];
        double[] k = a.k[l];
        double[] v = a.v[l];
        double[] exps = a.attExp[l];
        double[] weights = a.attWeight[l];
        int qp = p * e + base;
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t <= p; t++) {
            int kt = t * e + base;
            double s = q[qp] * k[kt];
            for (int j = 1; j < hd; j++) {
                s += q[qp + j] * k[kt + j];
            }
            s *= attentionScale;
            weights[row + t] = s;               // the score, until the softmax replaces it
            max = Math.max(max, s);
        }
        double total = 0;
        for (int t = 0; t <= p; t++) {
            double ex = Math.exp(weights[row + t] - max);
            exps[row + t] = ex;
            total = t == 0 ? ex : total + ex;
        }
        double inverse = Math.pow(total, -1);
        a.attTotal[l][p * c.nHead() + h] = total;
        a.attInv[l][p * c.nHead() + h] = inverse;
        for (int t = 0; t <= p; t++) {
            weights[row + t] = exps[row + t] * inverse;
        }
        double[] out = a.heads[l];
        for (int j = 0; j < hd; j++) {
            double s = weights[row] * v[base + j];
            for (int t = 1; t <= p; t++) {
                s += weights[row + t] * v[t * e + base + j];
            }
            out[qp + j] = s;
        }
    }

    /** xMid[l] → x[l + 1]: RMSNorm, fc1, ReLU, fc2, the residual. */
    private void mlpBlock(Layout.Layer lw, double[] w, Activations a, int l, int from, int to) {
        int e = c.nEmbd();
        double[] xMid = a.xMid[l];
        for (int p = from; p < to; p++) {
            Kernels.rmsnorm(a.xm[l], xMid, p, e, inverseWidth, a.mlpDen[l], a.mlpScale[l]);
        }
        double[] fc = a.fc[l];
        double[] hidden = a.hidden[l];
        kernels.matmul(fc, a.xm[l], w, lw.fc1(), 4 * e, e, from, to);
        for (int i = from * 4 * e; i < to * 4 * e; i++) {
            hidden[i] = Math.max(0, fc[i]);
        }
        kernels.matmul(a.linearOut, hidden, w, lw.fc2(), e, 4 * e, from, to);
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
        return sum * (1.0 / n);
    }
}
