package microgpt.cli;

import java.io.PrintStream;
import microgpt.train.StepResult;
import microgpt.train.TrainingListener;

/**
 * Prints training progress as the reference does, {@code step    1 / 1000 | loss 3.3660}: one
 * line per step when the output is a file or a pipe, and one line rewritten in place on a terminal.
 * A failed write stops training ({@link Output.Failed}): nobody would see the rest.
 */
final class ProgressPrinter implements TrainingListener {

    private static final long REDRAW_NANOS = 50_000_000; // a terminal line is redrawn at most 20 times a second

    private final PrintStream out;
    private final boolean inPlace;
    private long lastDraw;

    ProgressPrinter(PrintStream out, boolean inPlace) {
        this.out = out;
        this.inPlace = inPlace;
    }

    static String line(StepResult r) {
        return String.format("step %4d / %4d | loss %s", r.step(), r.totalSteps(), Format.fixed(r.loss(), 4));
    }

    @Override
    public void onStep(StepResult r) {
        if (!inPlace) {
            Output.println(out, line(r));
            return;
        }
        long now = System.nanoTime();
        if (r.step() == r.totalSteps() || now - lastDraw >= REDRAW_NANOS) {
            out.print("\r" + line(r));
            Output.check(out);
            lastDraw = now;
        }
    }

    @Override
    public void onEvaluation(int step, double validationLoss) {
        out.print((inPlace ? "\r" : "") + String.format("step %4d | validation loss %s%n", step, Format.fixed(validationLoss, 4)));
        Output.check(out);
    }

    @Override
    public void onFinish(microgpt.train.TrainingHistory history) {
        if (inPlace) {
            out.println();
        }
        if (history.interrupted()) {
            out.println("interrupted after " + history.size() + " steps");
        }
        Output.check(out);
    }
}
