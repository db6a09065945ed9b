package microgpt.fast;

import microgpt.InvalidInputException;
import microgpt.nn.Decoder;
import microgpt.nn.GptConfig;

/**
 * Incremental decoding for {@link FastGpt}: activations of its own, whose keys and values are the
 * cache, and one position per call, reading the model's current weights.
 */
final class FastDecoder implements Decoder {

    private final GptConfig config;
    private final double[] weights;        // the model's own array: always its current weights
    final Activations cache;
    private final Forward forward;
    private final double[] logits;
    private int position;

    FastDecoder(GptConfig config, Layout layout, double[] weights, Team team, Kernels kernels) {
        this.config = config;
        this.weights = weights;
        this.cache = new Activations(config);
        this.forward = new Forward(config, layout, team, kernels);
        this.logits = new double[config.vocabSize()];
    }

    @Override
    public double[] next(int token) {
        config.requireToken(token);
        if (position >= config.blockSize()) {
            throw new InvalidInputException("position " + position + " is outside the context of " + config.blockSize()
                    + " tokens (block_size); shorten the input or use a model with a larger block_size");
        }
        cache.tokens[position] = token;
        forward.run(weights, cache, position, position + 1);
        System.arraycopy(cache.logits, position * logits.length, logits, 0, logits.length);
        position++;
        return logits;
    }

    @Override
    public int position() {
        return position;
    }

    @Override
    public void reset() {
        position = 0;
    }
}
