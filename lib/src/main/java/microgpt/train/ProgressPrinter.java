package microgpt.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints training progress as the reference does, {@code step    1 / 1000 | loss 3.3660}: one line per step when
 * the output is a file or a pipe, and one line rewritten in place on a terminal. The CLI prints with it, and so
 * does a notebook's progress display when there is no notebook to show it in.
 */
public final class ProgressPrinter implements TrainingListener {

    private static final long REDRAW_NANOS = 50_000_000; // a terminal line is redrawn at most 20 times a second

    private final PrintStream out;
    private final boolean inPlace;
    private long lastDraw;

    /** Prints to {@code out}; {@code inPlace} rewrites one line with carriage returns (for a terminal). */
    public ProgressPrinter(PrintStream out, boolean inPlace) {
        this.out = out;
        this.inPlace = inPlace;
    }

    /** The line of one step, {@code step   12 / 1000 | loss 3.1416}. */
    public static String line(StepResult r) {
        return String.format("step %4d / %4d | loss %s", r.step(), r.totalSteps(), Format.fixed(r.loss(), 4));
    }

    /**
     * The run's last line, {@code done: 1000 steps in 0.41 s wall | 0.203 ms/step | 41,000 tokens/s | mean loss of
     * the last 100 steps 2.2761}: the wall time of the whole command, then the steps' own time and tokens per second
     * (next-token predictions), then the mean loss.
     */
    public static String summary(TrainingHistory history, double wallSeconds) {
        return String.format(Locale.ROOT, "done: %d steps in %.2f s wall | %.3f ms/step | %,.0f tokens/s | mean loss of the last %d steps %s",
                history.size(), wallSeconds, history.msPerStep(), history.tokensPerSecond(), Math.min(100, history.size()),
                Format.fixed(history.meanLastLosses(100), 4));
    }

    @Override
    public void onStep(StepResult r) {
        if (!inPlace) {
            out.println(line(r));
            return;
        }
        long now = System.nanoTime();
        if (r.step() == r.totalSteps() || now - lastDraw >= REDRAW_NANOS) {
            out.print("\r" + line(r));
            out.flush();
            lastDraw = now;
        }
    }

    @Override
    public void onEvaluation(int step, double validationLoss) {
        out.print((inPlace ? "\r" : "") + String.format("step %4d | validation loss %s%n", step, Format.fixed(validationLoss, 4)));
    }

    @Override
    public void onFinish(TrainingHistory history) {
        if (inPlace) {
            out.println();
        }
        if (history.interrupted()) {
            out.println("interrupted after " + history.size() + " steps");
        }
        out.flush();
    }
}
