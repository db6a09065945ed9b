package microgpt.fast;

import java.util.ArrayList;
import java.util.List;
import microgpt.nn.GptConfig;

/**
 * Where each weight matrix starts in the one flat array that holds every weight. The order is the
 * scalar {@code Gpt}'s parameter order: wte, wpe, lm_head, then per layer wq, wk, wv, wo, fc1,
 * fc2, each matrix [out][in] row by row. So the fast engine draws its initial weights in the same
 * order, and its weights, checkpoints and gradients line up with the scalar engine's one for one.
 * The gradients live in a second array of the same size with the same offsets.
 *
 * @param wte    token embeddings, [vocab][n_embd]
 * @param wpe    position embeddings, [block][n_embd]
 * @param lmHead the language-model head, [vocab][n_embd]
 * @param layers the matrices of each transformer block
 * @param size   the number of weights
 */
public record Layout(int wte, int wpe, int lmHead, List<Layer> layers, int size) {

    /**
     * The offsets of one block's matrices: wq, wk, wv, wo are [n_embd][n_embd], fc1 is
     * [4·n_embd][n_embd] and fc2 is [n_embd][4·n_embd]. wq, wk and wv follow one another, so
     * together they are one [3·n_embd][n_embd] matrix (the backward pass uses that).
     */
    public record Layer(int wq, int wk, int wv, int wo, int fc1, int fc2) {}

    /** The layout of a model of this shape. */
    public static Layout of(GptConfig config) {
        int e = config.nEmbd();
        int next = 0;
        int wte = next;
        next += config.vocabSize() * e;
        int wpe = next;
        next += config.blockSize() * e;
        int lmHead = next;
        next += config.vocabSize() * e;
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l < config.nLayer(); l++) {
            int wq = next;
            int wk = wq + e * e;
            int wv = wk + e * e;
            int wo = wv + e * e;
            int fc1 = wo + e * e;
            int fc2 = fc1 + 4 * e * e;
            next = fc2 + 4 * e * e;
            layers.add(new Layer(wq, wk, wv, wo, fc1, fc2));
        }
        if (next != config.parameterCount()) {
            throw new IllegalStateException("layout of " + next + " weights for " + config + ", expected " + config.parameterCount());
        }
        return new Layout(wte, wpe, lmHead, List.copyOf(layers), next);
    }
}
