package microgpt.fast;

import microgpt.nn.GptConfig;

/**
 * Causal self-attention over the heads of one block, forward and backward, given q, k and v
 * in {@link Activations}. The heads are independent of one another, so they are shared with the
 * {@link Team}'s second thread; every number is still computed by one thread in one order.
 */
final class Attention {

    private final GptConfig c;
    private final Team team;
    private final double attentionScale;   // x / sqrt(hd) is x · sqrt(hd)^-1 for a Value: so here too

    Attention(GptConfig c, Team team) {
        this.c = c;
        this.team = team;
        this.attentionScale = Math.pow(Math.pow(c.headDim(), 0.5), -1);
    }

    /** Every head at positions [from, to) of block l, into {@code a.heads[l]}. */
    void forward(Activations a, int l, int from, int to) {
        long work = (long) (to - from) * to * (2 * c.nEmbd() + 20 * c.nHead());   // an exp ~ 20 multiply-adds
        if (team.worthSharing(work)) {
            team.run(c.nHead(), (headFrom, headTo) -> forward(a, l, from, to, headFrom, headTo));
        } else {
            forward(a, l, from, to, 0, c.nHead());
        }
    }

    /** The heads [headFrom, headTo) at positions [from, to). */
    private void forward(Activations a, int l, int from, int to, int headFrom, int headTo) {
        for (int p = from; p < to; p++) {
            for (int h = headFrom; h < headTo; h++) {
                attend(a, l, p, h);
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
        int base = h * hd;
        int row = (p * c.nHead() + h) * c.blockSize();   // where this head's weights over t start
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

    /**
     * Every head of block l backwards, every position from the last: from d out in {@code dHeads}
     * to d q, d k and d v in {@code dQkv} (q, k, v side by side per position, cleared by the
     * caller). d k and d v of position t collect a contribution from every position p ≥ t, p from
     * the last. {@code dWeights} and {@code dScores} are scratch rows of block_size, one per thread.
     */
    void backward(Activations a, int l, int n, double[] dHeads, double[] dQkv, double[][] dWeights, double[][] dScores) {
        if (team.worthSharing((long) n * n * (3 * c.nEmbd() + 10 * c.nHead()))) {
            team.run(c.nHead(), (headFrom, headTo) -> {
                int part = headFrom == 0 ? 0 : 1;                   // the first part's thread uses scratch 0
                backward(a, l, n, dHeads, dQkv, dWeights[part], dScores[part], headFrom, headTo);
            });
        } else {
            backward(a, l, n, dHeads, dQkv, dWeights[0], dScores[0], 0, c.nHead());
        }
    }

    /** The heads [headFrom, headTo) backwards, every position from the last. */
    private void backward(Activations a, int l, int n, double[] dHeads, double[] dQkv, double[] dWeights, double[] dScores,
                          int headFrom, int headTo) {
        for (int p = n - 1; p >= 0; p--) {
            for (int h = headFrom; h < headTo; h++) {
                attendBackward(a, l, p, h, dHeads, dQkv, dWeights, dScores);
            }
        }
    }

    /**
     * One head at position p, backwards: from d out to d q at p, and the contributions of
     * position p to d k_t and d v_t for every t ≤ p.
     */
    private void attendBackward(Activations a, int l, int p, int h, double[] dOut, double[] dQkv,
                                double[] dWeights, double[] dScores) {
        int e = c.nEmbd();
        int hd = c.headDim();
        int base = h * hd;
        int qp = p * e + base;
        int row = (p * c.nHead() + h) * c.blockSize();
        double[] q = a.q[l];
        double[] k = a.k[l];
        double[] v = a.v[l];
        double[] exps = a.attExp[l];
        double[] weights = a.attWeight[l];

        // out_j = Σ_t weight_t · v_t[j]: d weight_t over j from last, d v_t[j] from this position.
        for (int t = 0; t <= p; t++) {
            int vt = t * e + base;
            double dWeight = 0;
            for (int j = hd - 1; j >= 0; j--) {
                dWeight += v[vt + j] * dOut[qp + j];
            }
            dWeights[t] = dWeight;
            double weight = weights[row + t];
            int dv = t * 3 * e + 2 * e + base;
            for (int j = 0; j < hd; j++) {
                dQkv[dv + j] += weight * dOut[qp + j];
            }
        }
        // weight_t = e_t · total^-1, with a power node total^-1 of its own for every t.
        int ph = p * c.nHead() + h;
        double inverse = a.attInv[l][ph];
        double dPower = -1.0 * Math.pow(a.attTotal[l][ph], -2.0);    // d total^-1 / d total
        double dTotal = 0;
        for (int t = p; t >= 0; t--) {
            dTotal += dPower * (exps[row + t] * dWeights[t]);
        }
        for (int t = 0; t <= p; t++) {
            double dExp = inverse * dWeights[t] + dTotal;
            dScores[t] = attentionScale * (exps[row + t] * dExp);          // exp, sub(max), mul(scale)
        }
        // score_t = q·k_t: d q over t from last, d k_t from this position.
        int dq = p * 3 * e + base;
        for (int j = 0; j < hd; j++) {
            double sum = 0;
            for (int t = p; t >= 0; t--) {
                sum += k[t * e + base + j] * dScores[t];
            }
            dQkv[dq + j] = sum;
        }
        for (int t = 0; t <= p; t++) {
            int dk = t * 3 * e + e + base;
            double dScore = dScores[t];
            for (int j = 0; j < hd; j++) {
                dQkv[dk + j] += q[qp + j] * dScore;
            }
        }
    }
}
