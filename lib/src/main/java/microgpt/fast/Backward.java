package microgpt.fast;

import java.util.Arrays;
import microgpt.nn.GptConfig;

/**
 * The backward pass of {@link Forward}, derived by hand: the gradient of the mean loss of one
 * document with respect to every weight, added into a flat gradient array laid out like the
 * weights.
 *
 * <p>It walks the forward pass backwards, block by block from the last, each block for all
 * positions at once (a block at position p needs the gradients of the keys and values of every
 * later position, which the later positions of the same block have finished by then). Each
 * function mirrors one forward step; its comments name the scalar nodes whose gradients it computes.
 *
 * <p>The point of care is the order of the sums. Where a value feeds several others, the scalar
 * engine adds up their contributions to its gradient in the reverse of its topological order, and
 * a different order would round differently. That order, worked out from how {@code Value}'s
 * depth-first search meets the graph, is:
 * <ul>
 *   <li>a weight: the positions from the last to the first;</li>
 *   <li>the input of a matrix product: its rows from the last to the first;</li>
 *   <li>the last vector, under lm_head: the rows from the last, but the target's row last of all
 *       (the search met the target's logit first, through the loss);</li>
 *   <li>the normalized input of attention, read by wq, wk and wv: the heads from the last, within
 *       a head the v rows, then the k rows, then the q rows, each from the last; at position 0,
 *       where the key is made inside the dot product that scores it, the k and q rows alternate;</li>
 *   <li>an RMSNorm input: the residual path first, then x·scale, then twice the mean-square path;</li>
 *   <li>an attention softmax total: one power node total^-1 per weight (each {@code div} makes
 *       its own), so one contribution per position t, from the last.</li>
 * </ul>
 * The tests compare every gradient with the scalar engine's. The matrix products and the
 * attention heads are shared with the {@link Team}'s second thread, which changes no sum.
 *
 * <p>An instance holds the buffers: one per model.
 */
final class Backward {

    private final GptConfig c;
    private final Layout layout;
    private final Buffers s;
    private final Team team;
    private final Kernels kernels;
    private final Attention attention;
    private final double inverseWidth;

    Backward(GptConfig c, Layout layout, Team team, Kernels kernels) {
        this.c = c;
        this.layout = layout;
        this.s = new Buffers(c);
        this.team = team;
        this.kernels = kernels;
        this.attention = new Attention(c, team);
        this.inverseWidth = Math.pow(c.nEmbd(), -1);
    }

    /** The gradients one document's backward pass needs, allocated once at block_size positions. */
    static final class Buffers {
        final double[] dx;        // the gradient of a block's output, then of its input     [p][e]
        final double[] dXMid;     //                                                          [p][e]
        final double[] dXm;       //                                                          [p][e]
        final double[] dHidden;   // of relu(fc), then of fc                                  [p][4e]
        final double[] dHeads;    //                                                          [p][e]
        final double[] dQkv;      // q, k, v side by side, as wq, wk, wv lie in the weights   [p][3e]
        final double[] dXa;       // of the normalized input (also of the embedding)         [p][e]
        final double[] dLogits;   //                                                          [p][vocab]
        final double[][] dWeights; // one head's attention weights at one position, per thread [2][t]
        final double[][] dScores;  //                                                         [2][t]
        final int[] embdRows;     // the orders in which rows are summed (runs, see MatrixKernels.descending)
        final int[] hiddenRows;
        final int[] lmRows;       // refilled for each position's target
        final int[] qkvRows;      // the rows of [wq; wk; wv], for positions 1 and on
        final int[] qkvRowsFirst; // and for position 0

        Buffers(GptConfig c) {
            int b = c.blockSize();
            int e = c.nEmbd();
            dx = new double[b * e];
            dXMid = new double[b * e];
            dXm = new double[b * e];
            dHidden = new double[b * 4 * e];
            dHeads = new double[b * e];
            dQkv = new double[b * 3 * e];
            dXa = new double[b * e];
            dLogits = new double[b * c.vocabSize()];
            dWeights = new double[2][b];
            dScores = new double[2][b];
            embdRows = MatrixKernels.descending(e);
            hiddenRows = MatrixKernels.descending(4 * e);
            lmRows = new int[6];
            int hd = c.headDim();
            int heads = c.nHead();
            qkvRows = new int[6 * heads];
            qkvRowsFirst = new int[2 * heads + 4 * e];
            int k = 0;
            int kFirst = 0;
            for (int h = heads - 1; h >= 0; h--) {
                int last = h * hd + hd - 1;                        // the head's last row of q
                qkvRows[k++] = 2 * e + last;                      // v, then k, then q, each from last
                qkvRows[k++] = hd;
                qkvRows[k++] = e + last;
                qkvRows[k++] = hd;
                qkvRows[k++] = last;
                qkvRows[k++] = hd;
                qkvRowsFirst[kFirst++] = 2 * e + last;            // position 0: v, then k and q alternate
                qkvRowsFirst[kFirst++] = hd;
                for (int j = hd - 1; j >= 0; j--) {
                    qkvRowsFirst[kFirst++] = e + h * hd + j;
                    qkvRowsFirst[kFirst++] = 1;
                    qkvRowsFirst[kFirst++] = h * hd + j;
                    qkvRowsFirst[kFirst++] = 1;
                }
            }
        }

        /** lm_head's rows for one target: from the last to the first, except the target's row, which comes last. */
        int[] lmRows(int target, int vocab) {
            lmRows[0] = vocab - 1;                              // the rows above the target (maybe none)
            lmRows[1] = vocab - 1 - target;
            lmRows[2] = target - 1;                             // the rows below it (maybe none)
            lmRows[3] = target;
            lmRows[4] = target;
            lmRows[5] = 1;
            return lmRows;
        }
    }

    /** Adds the gradient of the loss of the n positions that {@link Forward#loss} averaged into {@code grad}. */
    void run(double[] w, double[] grad, Activations a, int n) {
        run(w, grad, a, n, 1.0 / n);
    }

    /**
     * Adds into {@code grad} the gradient of {@code tokenWeight} times the sum of the n positions'
     * losses: 1/n for one document's mean, 1/T for a batch's mean over its T positions in all.
     */
    void run(double[] w, double[] grad, Activations a, int n, double tokenWeight) {
        int e = c.nEmbd();
        int vocab = c.vocabSize();

        lossBackward(a, n, tokenWeight);
        kernels.matmulBackwardWeights(team, grad, layout.lmHead(), a.x[c.nLayer()], s.dLogits, vocab, e, n);
        Arrays.fill(s.dx, 0, n * e, 0);
        for (int p = 0; p < n; p++) {
            int[] rows = s.lmRows(a.tokens[p + 1], vocab);
            kernels.matmulBackwardInput(team, s.dx, s.dLogits, w, layout.lmHead(), vocab, e, rows, p, p + 1);
        }

        for (int l = c.nLayer() - 1; l >= 0; l--) {
            Layout.Layer lw = layout.layers().get(l);
            mlpBackward(lw, w, grad, a, l, n);
            attentionBackward(lw, w, grad, a, l, n);
        }

        // x[0] = rmsnorm(emb), emb = wte[token] + wpe[p]: both embeddings get d emb.
        Arrays.fill(s.dXa, 0, n * e, 0);
        RmsNorm.backward(s.dXa, s.dx, a.emb, n, e, inverseWidth, a.embDen, a.embScale);
        for (int p = n - 1; p >= 0; p--) {
            int te = layout.wte() + a.tokens[p] * e;
            int pe = layout.wpe() + p * e;
            for (int i = 0; i < e; i++) {
                grad[te + i] += s.dXa[p * e + i];
                grad[pe + i] += s.dXa[p * e + i];
            }
        }
    }

    /**
     * loss = (Σ_p −log(e_target · total^-1)) · (1/n), total = Σ_v e_v, e_v = exp(logit_v − max):
     * the gradient of every logit, each local derivative rounded as the scalar node rounds it.
     */
    private void lossBackward(Activations a, int n, double tokenWeight) {
        int vocab = c.vocabSize();
        double dTokenLoss = tokenWeight;                              // the mul(1/n) node
        for (int p = 0; p < n; p++) {
            int row = p * vocab;
            int target = a.tokens[p + 1];
            double inverse = a.lmInv[p];
            double eTarget = a.lmExp[row + target];
            double dLog = -1.0 * dTokenLoss;                          // neg = mul(-1)
            double dProb = 1 / (eTarget * inverse) * dLog;            // log
            double dInverse = eTarget * dProb;                        // prob = e_target · inverse
            double dTotal = -1.0 * Math.pow(a.lmTotal[p], -2.0) * dInverse;   // inverse = total^-1
            for (int v = 0; v < vocab; v++) {
                // d e_v: through prob first (the target only), then through the sum.
                double dExp = v == target ? inverse * dProb + dTotal : dTotal;
                s.dLogits[row + v] = a.lmExp[row + v] * dExp;         // exp, then sub(max)
            }
        }
    }

    /** x[l + 1] = xMid + fc2·relu(fc1·rmsnorm(xMid)): from d x[l + 1] in s.dx to d xMid in s.dXMid. */
    private void mlpBackward(Layout.Layer lw, double[] w, double[] grad, Activations a, int l, int n) {
        int e = c.nEmbd();
        int hiddenWidth = 4 * e;
        Arrays.fill(s.dHidden, 0, n * hiddenWidth, 0);
        kernels.matmulBackwardInput(team, s.dHidden, s.dx, w, lw.fc2(), e, hiddenWidth, s.embdRows, 0, n);
        kernels.matmulBackwardWeights(team, grad, lw.fc2(), a.hidden[l], s.dx, e, hiddenWidth, n);
        double[] fc = a.fc[l];
        for (int i = 0; i < n * hiddenWidth; i++) {
            s.dHidden[i] = (fc[i] > 0 ? 1.0 : 0.0) * s.dHidden[i];    // relu
        }
        Arrays.fill(s.dXm, 0, n * e, 0);
        kernels.matmulBackwardInput(team, s.dXm, s.dHidden, w, lw.fc1(), hiddenWidth, e, s.hiddenRows, 0, n);
        kernels.matmulBackwardWeights(team, grad, lw.fc1(), a.xm[l], s.dHidden, hiddenWidth, e, n);
        System.arraycopy(s.dx, 0, s.dXMid, 0, n * e);                 // the residual path comes first
        RmsNorm.backward(s.dXMid, s.dXm, a.xMid[l], n, e, inverseWidth, a.mlpDen[l], a.mlpScale[l]);
    }

    /** xMid = x + wo·attention(rmsnorm(x)): from d xMid in s.dXMid to d x[l] in s.dx. */
    private void attentionBackward(Layout.Layer lw, double[] w, double[] grad, Activations a, int l, int n) {
        int e = c.nEmbd();
        Arrays.fill(s.dHeads, 0, n * e, 0);
        kernels.matmulBackwardInput(team, s.dHeads, s.dXMid, w, lw.wo(), e, e, s.embdRows, 0, n);
        kernels.matmulBackwardWeights(team, grad, lw.wo(), a.heads[l], s.dXMid, e, e, n);

        Arrays.fill(s.dQkv, 0, n * 3 * e, 0);
        attention.backward(a, l, n, s.dHeads, s.dQkv, s.dWeights, s.dScores);
        // wq, wk and wv lie one after the other in the weights: one [3e][e] matrix, one gradient [p][3e].
        kernels.matmulBackwardWeights(team, grad, lw.wq(), a.xa[l], s.dQkv, 3 * e, e, n);
        Arrays.fill(s.dXa, 0, n * e, 0);
        kernels.matmulBackwardInput(team, s.dXa, s.dQkv, w, lw.wq(), 3 * e, e, s.qkvRowsFirst, 0, 1);
        kernels.matmulBackwardInput(team, s.dXa, s.dQkv, w, lw.wq(), 3 * e, e, s.qkvRows, 1, n);

        System.arraycopy(s.dXMid, 0, s.dx, 0, n * e);                 // the residual path comes first
        RmsNorm.backward(s.dx, s.dXa, a.x[l], n, e, inverseWidth, a.attDen[l], a.attScale[l]);
    }
}
