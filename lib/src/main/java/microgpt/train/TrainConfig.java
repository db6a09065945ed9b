package microgpt.train;

import microgpt.InvalidInputException;
import microgpt.optim.Adam;

/**
 * How to train: how many steps, and Adam's settings. The learning rate decays linearly from
 * {@code learningRate} at the first step towards 0 after the last.
 *
 * @param steps        how many steps (one document each)
 * @param learningRate the learning rate of the first step
 * @param beta1        Adam's decay rate for the mean of the gradient
 * @param beta2        Adam's decay rate for the mean of the squared gradient
 * @param epsilon      Adam's guard against dividing by zero
 */
public record TrainConfig(int steps, double learningRate, double beta1, double beta2, double epsilon) {

    /** The reference's settings: 1,000 steps, learning rate 0.01, β1 0.85, β2 0.99, ε 1e-8. */
    public static TrainConfig reference() {
        return new TrainConfig(1000, 0.01, 0.85, 0.99, 1e-8);
    }

    public TrainConfig {
        if (steps <= 0) {
            throw new InvalidInputException("the number of steps must be positive, got " + steps);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new InvalidInputException("the learning rate must be a positive number, got " + learningRate);
        }
        Adam.requireValidSettings(beta1, beta2, epsilon);
    }

    public TrainConfig withSteps(int newSteps) {
        return new TrainConfig(newSteps, learningRate, beta1, beta2, epsilon);
    }

    public TrainConfig withLearningRate(double newLearningRate) {
        return new TrainConfig(steps, newLearningRate, beta1, beta2, epsilon);
    }

    /** The learning rate of the 0-based step {@code step}: linear decay, lr · (1 − step / steps). */
    public double learningRateAt(int step) {
        return learningRate * (1 - (double) step / steps);
    }
}
