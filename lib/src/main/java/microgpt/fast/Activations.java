package microgpt.fast;

import microgpt.nn.GptConfig;

/**
 * Every intermediate value of the forward pass over one document, kept for the backward pass,
 * position by position. Allocated once, at the largest size (block_size positions), and reused for
 * every document: that is why a training step allocates nothing. The keys and values of earlier
 * positions ({@link #k}, {@link #v}) are also the key-value cache of incremental decoding.
 *
 * <p>Vectors are stored position-major in flat arrays: element i of position p of a vector of
 * width w is at {@code [p * w + i]}. Arrays indexed first by layer hold one such array per layer.
 */
final class Activations {

    final int[] tokens;         // the tokens read, by position, plus the last target: [block + 1]

    final double[] emb;         // wte[token] + wpe[p]                                   [p][e]
    final double[] embDen;      // mean(emb²) + 1e-5, the base of the RMSNorm power        [p]
    final double[] embScale;    // embDen^-0.5                                             [p]

    final double[][] x;         // x[l]: the input of block l; x[nLayer]: the final vector  [p][e]
    final double[][] attDen;    // RMSNorm before attention, as embDen                      [p]
    final double[][] attScale;  //                                                          [p]
    final double[][] xa;        // the normalized input of attention                       [p][e]
    final double[][] q;         //                                                          [p][e]
    final double[][] k;         // also the key cache                                       [p][e]
    final double[][] v;         // also the value cache                                     [p][e]
    final double[][] attExp;    // exp(score − max) per head and earlier position t         [p][h][t]
    final double[][] attWeight; // the softmax: attExp · attInv                             [p][h][t]
    final double[][] attTotal;  // the sum of attExp over t                                 [p][h]
    final double[][] attInv;    // attTotal^-1                                              [p][h]
    final double[][] heads;     // the heads' outputs, concatenated                        [p][e]
    final double[][] xMid;      // x + wo·heads: the residual stream between the two blocks [p][e]
    final double[][] mlpDen;    // RMSNorm before the MLP                                   [p]
    final double[][] mlpScale;  //                                                          [p]
    final double[][] xm;        // the normalized input of the MLP                         [p][e]
    final double[][] fc;        // fc1·xm, before the ReLU                                 [p][4e]
    final double[][] hidden;    // relu(fc)                                                [p][4e]

    final double[] logits;      //                                                          [p][vocab]
    final double[] lmExp;       // exp(logit − max)                                         [p][vocab]
    final double[] lmInv;       // (Σ lmExp)^-1                                             [p]
    final double[] lmTotal;     // Σ lmExp                                                  [p]
    final double[] tokenLoss;   // −log p(next token)                                       [p]

    final double[] linearOut;   // scratch: a projection's output before its residual add  [p][e]

    Activations(GptConfig c) {
        int b = c.blockSize();
        int e = c.nEmbd();
        int layers = c.nLayer();
        int heads = c.nHead();
        tokens = new int[b + 1];
        emb = new double[b * e];
        embDen = new double[b];
        embScale = new double[b];
        x = new double[layers + 1][b * e];
        attDen = new double[layers][b];
        attScale = new double[layers][b];
        xa = new double[layers][b * e];
        q = new double[layers][b * e];
        k = new double[layers][b * e];
        v = new double[layers][b * e];
        int scores = Math.multiplyExact(Math.multiplyExact(b, heads), b); // refused earlier by MemoryEstimate; never wraps
        attExp = new double[layers][scores];
        attWeight = new double[layers][scores];
        attTotal = new double[layers][b * heads];
        attInv = new double[layers][b * heads];
        this.heads = new double[layers][b * e];
        xMid = new double[layers][b * e];
        mlpDen = new double[layers][b];
        mlpScale = new double[layers][b];
        xm = new double[layers][b * e];
        fc = new double[layers][b * 4 * e];
        hidden = new double[layers][b * 4 * e];
        logits = new double[b * c.vocabSize()];
        lmExp = new double[b * c.vocabSize()];
        lmInv = new double[b];
        lmTotal = new double[b];
        tokenLoss = new double[b];
        linearOut = new double[b * e];
    }
}
