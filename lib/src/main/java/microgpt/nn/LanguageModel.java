package microgpt.nn;

import java.util.List;
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

    /**
     * A batch's training loss, the mean cross-entropy over all the predictions of all its
     * documents (each document counts with its number of positions), and its backward pass: the
     * gradient of that loss is added to the model's gradients. That gradient is the mean of the
     * documents' own gradients (of their own mean losses), each weighted by its share of the
     * batch's positions. One document gives exactly {@link #lossAndGradients(int[])}.
     *
     * <p>This engine takes one document at a time; the fast engine takes any number.
     */
    default double lossAndGradients(List<int[]> batch) {
        if (batch.size() != 1) {
            throw new InvalidInputException("this engine trains on one document per step, got a batch of " + batch.size()
                    + "; use the fast engine for a larger batch");
        }
        return lossAndGradients(batch.get(0));
    }

    /** Whether {@link #lossAndGradients(List)} takes more than one document: only the fast engine's does. */
    default boolean takesBatches() {
        return false;
    }

    /** Adam over this model's weights and gradients: each step updates the weights and clears the gradients. */
    default Optimizer adam(double beta1, double beta2, double epsilon) {
        return adamW(beta1, beta2, epsilon, 0);
    }

    /**
     * AdamW: Adam that also shrinks each weight by {@code learningRate · weightDecay} of itself
     * (decoupled weight decay, w −= lr·wd·w, before Adam's own update). A weight decay of 0 is
     * {@link #adam} exactly.
     */
    Optimizer adamW(double beta1, double beta2, double epsilon, double weightDecay);

    /** A reader of one document at a time, token by token, with its own key-value cache. */
    Decoder decoder();

    /**
     * The cross-entropy of every prediction the model is trained on, document by document:
     * {@code [d][p]} for the first {@link #positions} positions of document d, read token by token
     * through a {@link #decoder()}. Forward only. (The fast engine shares the documents between
     * its threads; each loss is the same number whoever computes it.)
     */
    default double[][] tokenLosses(List<int[]> documents) {
        Decoder decoder = decoder();
        double[][] losses = new double[documents.size()][];
        for (int d = 0; d < losses.length; d++) {
            losses[d] = tokenLosses(decoder, documents.get(d));
        }
        return losses;
    }

    /** One document's losses of {@link #tokenLosses(List)}, read through {@code decoder} from position 0. */
    default double[] tokenLosses(Decoder decoder, int[] tokens) {
        double[] losses = new double[positions(tokens)];
        decoder.reset();
        for (int p = 0; p < losses.length; p++) {
            losses[p] = Ops.crossEntropy(decoder.next(tokens[p]), tokens[p + 1]);
        }
        return losses;
    }

    /** How many positions of this document the model is trained on. */
    default int positions(int[] tokens) {
        if (tokens.length < 2) {
            throw new InvalidInputException("a document needs at least two tokens (BOS and one more) to predict anything, got " + tokens.length);
        }
        return Math.min(config().blockSize(), tokens.length - 1);
    }
}
