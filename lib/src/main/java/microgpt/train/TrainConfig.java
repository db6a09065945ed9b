package microgpt.train;

import java.util.function.Consumer;
import microgpt.InvalidInputException;
import microgpt.optim.AdamSettings;

/**
 * How to train: how many steps of how many documents, Adam's settings and the learning-rate
 * schedule. The learning rate rises linearly over the first {@code warmupSteps} steps, then decays
 * from {@code learningRate} towards 0 after the last step, linearly or along a cosine.
 *
 * @param steps        how many steps
 * @param learningRate the full learning rate: of the first step, or of the first after the warm-up
 * @param beta1        Adam's decay rate for the mean of the gradient
 * @param beta2        Adam's decay rate for the mean of the squared gradient
 * @param epsilon      Adam's guard against dividing by zero
 * @param batchSize    documents per step; the loss is the mean over all their predictions
 * @param weightDecay  AdamW's decoupled weight decay, w −= lr·wd·w each step (0: plain Adam)
 * @param warmupSteps  steps of linear warm-up before the decay (0: none)
 * @param schedule     how the learning rate decays after the warm-up
 */
public record TrainConfig(int steps, double learningRate, double beta1, double beta2, double epsilon,
                          int batchSize, double weightDecay, int warmupSteps, Schedule schedule) {

    /** The largest batch: enough for any run this course makes, small enough that no count of positions overflows. */
    public static final int MAX_BATCH_SIZE = 1 << 20;

    /** The reference's settings: 1,000 steps of one document, learning rate 0.01 decayed linearly, Adam with β1 0.85, β2 0.99, ε 1e-8. */
    public static TrainConfig reference() {
        return new TrainConfig(1000, 0.01, 0.85, 0.99, 1e-8);
    }

    /** One document per step, plain Adam, no warm-up, linear decay: the reference's training with these settings. */
    public TrainConfig(int steps, double learningRate, double beta1, double beta2, double epsilon) {
        this(steps, learningRate, beta1, beta2, epsilon, 1, 0, 0, Schedule.LINEAR);
    }

    public TrainConfig {
        if (steps <= 0) {
            throw new InvalidInputException("the number of steps must be positive, got " + steps);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new InvalidInputException("the learning rate must be a positive number, got " + learningRate);
        }
        new AdamSettings(beta1, beta2, epsilon, weightDecay); // checks Adam's settings
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new InvalidInputException("the batch size must be from 1 to " + MAX_BATCH_SIZE + " documents, got " + batchSize);
        }
        if (warmupSteps < 0 || warmupSteps >= steps) {
            throw new InvalidInputException("the warm-up must be 0 or more steps and fewer than the " + steps
                    + " steps of the run, got " + warmupSteps);
        }
        if (schedule == null) {
            throw new InvalidInputException("the learning-rate schedule is missing; use Schedule.LINEAR or Schedule.COSINE");
        }
    }

    // Copies with one setting changed, checked like any new config.
    public TrainConfig withSteps(int newSteps) { return edited(d -> d.steps = newSteps); }
    public TrainConfig withLearningRate(double newLearningRate) { return edited(d -> d.learningRate = newLearningRate); }
    public TrainConfig withBatchSize(int newBatchSize) { return edited(d -> d.batchSize = newBatchSize); }
    public TrainConfig withWeightDecay(double newWeightDecay) { return edited(d -> d.weightDecay = newWeightDecay); }
    public TrainConfig withWarmup(int newWarmupSteps) { return edited(d -> d.warmupSteps = newWarmupSteps); }
    public TrainConfig withSchedule(Schedule newSchedule) { return edited(d -> d.schedule = newSchedule); }

    /** A copy with one setting changed, checked like any new config. */
    private TrainConfig edited(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return draft.config();
    }

    /** The settings of a config while one of them changes. */
    private static final class Draft {
        int steps;
        double learningRate;
        int batchSize;
        double weightDecay;
        int warmupSteps;
        Schedule schedule;
        private final TrainConfig from;

        Draft(TrainConfig from) {
            this.from = from;
            steps = from.steps;
            learningRate = from.learningRate;
            batchSize = from.batchSize;
            weightDecay = from.weightDecay;
            warmupSteps = from.warmupSteps;
            schedule = from.schedule;
        }

        TrainConfig config() {
            return new TrainConfig(steps, learningRate, from.beta1, from.beta2, from.epsilon, batchSize, weightDecay, warmupSteps, schedule);
        }
    }

    /**
     * The learning rate of the 0-based step {@code step}. During the warm-up, step s &lt; W gets
     * lr · (s + 1) / (W + 1), so the rate climbs evenly to the full rate at step W. After it the
     * decay's progress is (s − W) / (steps − W), and the rate is lr · (1 − progress) (linear: with
     * no warm-up, the reference's lr · (1 − s / steps)) or lr · (1 + cos(π · progress)) / 2.
     */
    public double learningRateAt(int step) {
        if (step < warmupSteps) {
            return learningRate * (step + 1) / (warmupSteps + 1);
        }
        return learningRate * schedule.factor((double) (step - warmupSteps) / (steps - warmupSteps));
    }
}
