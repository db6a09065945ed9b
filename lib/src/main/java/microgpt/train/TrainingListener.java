package microgpt.train;

/**
 * Hears about training as it happens: the CLI prints lines, a notebook updates a progress display.
 * Every method has a default that does nothing, so a listener overrides only what it needs.
 * A listener that wants training to end early calls {@link Trainer#requestStop()}.
 */
public interface TrainingListener {

    /** Called once before the first step. */
    default void onStart(int totalSteps) {}

    /** Called after each finished step, with the model already updated. */
    default void onStep(StepResult result) {}

    /** Called after a validation-loss evaluation; {@code step} is the 1-based step it followed. */
    default void onEvaluation(int step, double validationLoss) {}

    /** Called once at the end, also when training stopped early (an interrupt or a stop request). */
    default void onFinish(TrainingHistory history) {}

    /** A listener that ignores everything. */
    TrainingListener SILENT = new TrainingListener() {};
}
