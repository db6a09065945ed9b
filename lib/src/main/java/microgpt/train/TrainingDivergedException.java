package microgpt.train;

import microgpt.InvalidInputException;

/**
 * Training stopped because a step's loss was not a finite number: the weights have blown up,
 * almost always from too large a learning rate. The model is left as of the step before, and its
 * optimizer has not applied the bad step.
 */
public final class TrainingDivergedException extends InvalidInputException {

    private final int step;
    private final double loss;

    TrainingDivergedException(int step, int totalSteps, double loss, double learningRate) {
        super("training diverged at step " + step + " of " + totalSteps + ": the loss is " + loss
                + "; the learning rate " + learningRate + " is most likely too large, try a smaller one (the reference uses 0.01)");
        this.step = step;
        this.loss = loss;
    }

    /** The 1-based step whose loss was not finite. */
    public int step() {
        return step;
    }

    /** That loss: NaN or an infinity. */
    public double loss() {
        return loss;
    }
}
