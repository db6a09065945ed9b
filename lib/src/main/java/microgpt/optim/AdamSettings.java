package microgpt.optim;

import microgpt.InvalidInputException;

/**
 * Adam's settings, the same for both engines' optimizers, checked once here.
 *
 * @param beta1       decay rate of the running mean of the gradient, in [0, 1)
 * @param beta2       decay rate of the running mean of the squared gradient, in [0, 1)
 * @param epsilon     guard against dividing by zero, positive
 * @param weightDecay AdamW's decoupled weight decay, w −= lr·wd·w each step; 0 is plain Adam
 */
public record AdamSettings(double beta1, double beta2, double epsilon, double weightDecay) {

    public AdamSettings {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new InvalidInputException("Adam's betas must be in [0, 1), got beta1 " + beta1 + " and beta2 " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new InvalidInputException("Adam's epsilon must be positive, got " + epsilon);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new InvalidInputException("the weight decay must be 0 or a positive number, got " + weightDecay);
        }
    }
}
