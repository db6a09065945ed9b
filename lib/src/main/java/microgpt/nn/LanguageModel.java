package microgpt.nn;

import microgpt.InvalidInputException;
import microgpt.optim.Optimizer;

/**
 * What training, evaluation and sampling need from a GPT, whichever engine computes it.
 *
 * <p>There are two engines. {@link Gpt} builds a graph of scalar {@code Value}s for every
 * document and backpropagates through it: the reference's algorithm, there to be read.
 * {@code microgpt.fast.FastGpt} keeps the weights and gradients in flat arrays and runs a
 * backward pass written out by hand: there to be fast. Given the same weights and the same
 * document they compute the same numbers, so the {@code Trainer}, the {@code Evaluator} and the
 * {@code Sampler} work with either and cannot tell them apart.
 */
public interface LanguageModel {

    /** The shape of the model. */
    GptConfig config();

    /** A copy of every weight, in parameter order (wte, wpe, lm_head, then layer by layer). */
    double[] weights();

    /** Overwrites every weight, in parameter order. */
    void setWeights(double[] weights);

    /**
     * One document's training loss, the mean cross-entropy of its first
     * min(block_size, length − 1) next-token predictions, and its backward pass: the gradient of
     * that loss is added to the model's gradients, which the optimizer then uses and clears.
     */
    double lossAndGradients(int[] tokens);

    /** Adam over this model's weights and gradients: each step updates the weights and clears the gradients. */
    Optimizer adam(double beta1, double beta2, double epsilon);

    /** A reader of one document at a time, token by token, with its own key-value cache. */
    Decoder decoder();

    /** How many positions of this document the model is trained on. */
    default int positions(int[] tokens) {
        if (tokens.length < 2) {
            throw new InvalidInputException("a document needs at least two tokens (BOS and one more) to predict anything, got " + tokens.length);
        }
        return Math.min(config().blockSize(), tokens.length - 1);
    }
}
