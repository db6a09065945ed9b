package microgpt.nn;

import java.util.function.DoubleSupplier;
import microgpt.InvalidInputException;

/**
 * The shape of a GPT. Checked when it is built, so that a model can never be made from a bad one.
 *
 * @param nLayer    how many transformer blocks
 * @param nEmbd     the width of every vector in the residual stream
 * @param nHead     how many attention heads share that width
 * @param blockSize the longest context, in tokens
 * @param vocabSize how many distinct tokens, BOS included
 */
public record GptConfig(int nLayer, int nEmbd, int nHead, int blockSize, int vocabSize) {

    /** The reference's model: 1 layer, 16 wide, 4 heads, a context of 16. */
    public static GptConfig reference(int vocabSize) {
        return new GptConfig(1, 16, 4, 16, vocabSize);
    }

    public GptConfig {
        requirePositive("n_layer", nLayer);
        requirePositive("n_embd", nEmbd);
        requirePositive("n_head", nHead);
        requirePositive("block_size", blockSize);
        if (vocabSize < 2) {
            throw new InvalidInputException("vocab_size must be at least 2 (one character and BOS), got " + vocabSize
                    + "; the data needs at least one non-blank character");
        }
        if (nEmbd % nHead != 0) {
            throw new InvalidInputException("n_embd (" + nEmbd + ") must be divisible by n_head (" + nHead
                    + ") so that every head gets the same width; choose e.g. n_head " + largestDivisorAtMost(nEmbd, nHead));
        }
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new InvalidInputException(name + " must be a positive integer, got " + value);
        }
    }

    private static int largestDivisorAtMost(int n, int limit) {
        for (int d = Math.min(n, limit); d > 1; d--) {
            if (n % d == 0) {
                return d;
            }
        }
        return 1;
    }

    /** The width of one attention head. */
    public int headDim() {
        return nEmbd / nHead;
    }

    /** A copy with another vocabulary size. */
    public GptConfig withVocabSize(int newVocabSize) {
        return new GptConfig(nLayer, nEmbd, nHead, blockSize, newVocabSize);
    }

    /** Checks that a model of this shape can read the token id. */
    public void requireToken(int token) {
        if (token < 0 || token >= vocabSize) {
            throw new InvalidInputException("token id " + token + " is outside the vocabulary [0, " + vocabSize
                    + "); encode text with the tokenizer the model was built for (its vocab_size must be " + vocabSize + ")");
        }
    }

    /** Checks that {@code count} weights are one per parameter of this shape. */
    public void requireWeightCount(int count) {
        if (count != parameterCount()) {
            throw new InvalidInputException("expected " + parameterCount() + " weights for " + this + ", got " + count
                    + "; weights fit only a model of the shape they came from");
        }
    }

    /** The given weights, checked for their number, handed out one at a time in parameter order: how a model is built from them. */
    public DoubleSupplier inParameterOrder(double[] weights) {
        requireWeightCount(weights.length);
        int[] next = {0};
        return () -> weights[next[0]++];
    }

    /** About how many bytes of heap the fast engine needs for a model of this shape (see {@link MemoryEstimate}). */
    public long fastEngineBytes() {
        return MemoryEstimate.fastEngineBytes(this);
    }

    /** About how many bytes the scalar engine needs for this shape, a document as long as the context included. */
    public long scalarEngineBytes() {
        return MemoryEstimate.scalarEngineBytes(this, blockSize);
    }

    /** The number of weights: three embedding-sized matrices plus 12·n_embd² per layer. */
    public int parameterCount() {
        // In double first: with dimensions near 2³¹ the exact count overflows even a long and could wrap to a small number.
        double estimate = 2.0 * vocabSize * nEmbd + (double) blockSize * nEmbd + 12.0 * nLayer * nEmbd * nEmbd;
        if (estimate > Integer.MAX_VALUE) {
            throw new InvalidInputException(String.format("the model would have %.3g parameters, more than a Java array holds (%d);"
                    + " choose a smaller n_embd or n_layer", estimate, Integer.MAX_VALUE));
        }
        return (int) (2L * vocabSize * nEmbd + (long) blockSize * nEmbd + 12L * nLayer * nEmbd * nEmbd);
    }
}
