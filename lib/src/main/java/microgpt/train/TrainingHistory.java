package microgpt.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything a training run measured: the loss of each step, the validation losses, and the time.
 * Steps are numbered from 1, as they are printed.
 */
public final class TrainingHistory {

    /** A validation loss measured after a given step. */
    public record Evaluation(int step, double loss) {}

    private final List<StepResult> steps = new ArrayList<>();
    private final List<Evaluation> evaluations = new ArrayList<>();
    private boolean interrupted;

    /** Records a finished step. */
    public void add(StepResult step) {
        steps.add(step);
    }

    /** Records a validation loss measured after {@code step}. */
    public void addEvaluation(int step, double loss) {
        evaluations.add(new Evaluation(step, loss));
    }

    /** Marks the run as stopped early by an interrupt or a {@link Trainer#requestStop() stop request}. */
    public void markInterrupted() {
        interrupted = true;
    }

    /** Marks the run as going on again after an interrupt; a run that then finishes is not interrupted. */
    public void markResumed() {
        interrupted = false;
    }

    /** True when the latest training call stopped before the last step: its thread was interrupted or a stop was requested. */
    public boolean interrupted() {
        return interrupted;
    }

    public List<StepResult> steps() {
        return Collections.unmodifiableList(steps);
    }

    public List<Evaluation> evaluations() {
        return Collections.unmodifiableList(evaluations);
    }

    /** The number of finished steps. */
    public int size() {
        return steps.size();
    }

    /** The step losses, in order. */
    public double[] losses() {
        return steps.stream().mapToDouble(StepResult::loss).toArray();
    }

    /** The mean loss of the last {@code n} steps (or of all steps, if there are fewer). */
    public double meanLastLosses(int n) {
        if (steps.isEmpty()) {
            return Double.NaN;
        }
        int from = Math.max(0, steps.size() - n);
        double sum = 0;
        for (int i = from; i < steps.size(); i++) {
            sum += steps.get(i).loss();
        }
        return sum / (steps.size() - from);
    }

    /** The wall time of all finished steps, in seconds. */
    public double totalSeconds() {
        return steps.stream().mapToLong(StepResult::nanos).sum() / 1e9;
    }

    /** The mean wall time per step, in milliseconds. */
    public double msPerStep() {
        return steps.isEmpty() ? Double.NaN : totalSeconds() * 1000 / steps.size();
    }

    /** The next-token predictions trained on per second of step time (padding, which this engine never computes, not counted). */
    public double tokensPerSecond() {
        return steps.isEmpty() ? Double.NaN : steps.stream().mapToLong(StepResult::tokens).sum() / totalSeconds();
    }

    /** A moving average of the step losses over a trailing window of {@code window} steps. */
    public double[] movingAverage(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("moving-average window must be at least 1, got " + window);
        }
        double[] losses = losses();
        double[] out = new double[losses.length];
        double sum = 0;
        for (int i = 0; i < losses.length; i++) {
            sum += losses[i];
            if (i >= window) {
                sum -= losses[i - window];
            }
            out[i] = sum / Math.min(i + 1, window);
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format("TrainingHistory[%d steps%s, last-100 mean loss %.4f, %.2f ms/step]",
                steps.size(), interrupted ? ", interrupted" : "", meanLastLosses(100), msPerStep());
    }
}
