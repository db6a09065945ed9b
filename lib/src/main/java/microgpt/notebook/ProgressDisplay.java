package microgpt.notebook;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

import microgpt.train.ProgressPrinter;
import microgpt.train.StepResult;
import microgpt.train.TrainingHistory;
import microgpt.train.TrainingListener;
import microgpt.viz.Charts;
import microgpt.viz.Tables;

/**
 * Shows training progress in a notebook as ONE line updated in place: step/total, a bar, the loss of the last step
 * and (in brackets) the mean of the last 50, the latest validation loss, steps per second and the time left;
 * optionally with a live loss chart below it. The line is displayed at {@link #onStart} and then replaced (JJava's
 * {@code updateDisplay} with the same display id) at most 10 times a second plus the final state; the chart at
 * most once a second. Training runs on the cell's own thread, so the updates go out while the cell runs.
 *
 * <p>Without a notebook (CLI, tests) it prints like the CLI, with {@link ProgressPrinter}. It never throws: if
 * showing progress fails, it stops showing progress and the training goes on.
 */
public final class ProgressDisplay implements TrainingListener {

    /** Where the progress goes in a notebook; the default is the kernel, tests pass a fake. */
    interface Output {
        /** Shows a new output and returns its display id (null if it could not be shown). */
        String show(Object value);

        /** Replaces the output with this display id. */
        void update(String id, Object value);
    }

    private static final Output KERNEL = new Output() {
        @Override
        public String show(Object value) {
            return Kernel.display(value);
        }

        @Override
        public void update(String id, Object value) {
            Kernel.update(id, value);
        }
    };
    private static final int BAR_WIDTH = 24;
    private static final long LINE_INTERVAL_NANOS = 100_000_000L;
    private static final long CHART_INTERVAL_NANOS = 1_000_000_000L;

    private final Output notebook;
    private final LongSupplier clock;
    private final PrintStream console;
    private final boolean consoleIsTerminal;
    private boolean liveChart;

    private Output output;
    private TrainingListener printer;
    private TrainingHistory history = new TrainingHistory();
    private String lineId;
    private String chartId;
    private int totalSteps;
    private long startNanos;
    private long lastLineNanos;
    private long lastChartNanos;
    private long chartWaitNanos;
    private boolean failed;
    private boolean finished;
    private String line = "";

    /** A progress line that finds the notebook by itself (or falls back to printing on the console). */
    public ProgressDisplay() {
        this(null, System::nanoTime, System.out, System.console() != null);
    }

    /** For tests: a given notebook (null means "find the kernel"), clock and console. */
    ProgressDisplay(Output notebook, LongSupplier clock, PrintStream console, boolean consoleIsTerminal) {
        this.notebook = notebook;
        this.clock = clock;
        this.console = console;
        this.consoleIsTerminal = consoleIsTerminal;
    }

    /**
     * Also shows the loss curve, redrawn at most once a second and at the end (less often when a drawing takes more
     * than a tenth of that, so that the chart never slows training by more than about 10%).
     */
    public ProgressDisplay withLiveChart() {
        this.liveChart = true;
        return this;
    }

    /** The progress line as last shown, in text form (empty when printing to the console). */
    public String line() {
        return line;
    }

    @Override
    public void onStart(int totalSteps) {
        guard(() -> {
            this.totalSteps = totalSteps;
            history = new TrainingHistory();
            finished = false;
            startNanos = clock.getAsLong();
            lastLineNanos = startNanos;
            lastChartNanos = startNanos;
            chartWaitNanos = CHART_INTERVAL_NANOS;
            output = notebook != null ? notebook : Kernel.attached() ? KERNEL : null;
            printer = output == null ? new ProgressPrinter(console, consoleIsTerminal) : null;
            if (output != null) {
                lineId = output.show(running(0, Double.NaN));
                chartId = liveChart ? output.show(Charts.lossCurve(history)) : null;
            }
        });
    }

    @Override
    public void onStep(StepResult result) {
        guard(() -> {
            history.add(result);
            if (printer != null) {
                printer.onStep(result);
                return;
            }
            totalSteps = totalSteps > 0 ? totalSteps : result.totalSteps();
            long now = clock.getAsLong();
            if (result.step() >= totalSteps || now - lastLineNanos >= LINE_INTERVAL_NANOS) {
                lastLineNanos = now;
                output.update(lineId, running(result.step(), result.loss()));
            }
            if (liveChart && now - lastChartNanos >= chartWaitNanos) {
                output.update(chartId, Charts.lossCurve(history));
                lastChartNanos = clock.getAsLong();
                // never spend more than about a tenth of the training time on drawing the chart
                chartWaitNanos = Math.max(CHART_INTERVAL_NANOS, 10 * (lastChartNanos - now));
            }
        });
    }

    @Override
    public void onEvaluation(int step, double validationLoss) {
        guard(() -> {
            history.addEvaluation(step, validationLoss);
            if (printer != null) {
                printer.onEvaluation(step, validationLoss);
            }
        });
    }

    @Override
    public void onFinish(TrainingHistory finalHistory) {
        guard(() -> {
            if (finished) {
                return;
            }
            finished = true;
            history = finalHistory != null ? finalHistory : history;
            if (printer != null) {
                printer.onFinish(history);
                return;
            }
            output.update(lineId, finished(history.interrupted()));
            if (liveChart) {
                output.update(chartId, Charts.lossCurve(history));
            }
        });
    }

    // ---- the line ------------------------------------------------------------------------------------------------

    private Html running(int step, double loss) {
        double fraction = totalSteps <= 0 ? 0 : Math.max(0, Math.min(1, (double) step / totalSteps));
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        String stepText = String.format(Locale.ROOT, "step %" + Integer.toString(Math.max(totalSteps, 1)).length()
                + "d/%d", step, totalSteps);
        StringBuilder details = new StringBuilder(String.format(Locale.ROOT, "%3d%%", (int) Math.floor(fraction * 100)));
        if (!Double.isNaN(loss)) {
            details.append(" · loss ").append(fixed(loss)).append(average());
        }
        details.append(validation());
        double seconds = elapsedSeconds();
        double rate = seconds > 0 && step > 0 ? step / seconds : 0;
        if (rate > 0) {
            details.append(String.format(Locale.ROOT, " · %.1f steps/s", rate));
            if (totalSteps > step) {
                details.append(" · ").append(duration((totalSteps - step) / rate)).append(" left");
            }
        }
        line = stepText + " [" + "█".repeat(filled) + "░".repeat(BAR_WIDTH - filled) + "] " + details;
        return html(stepText + " ", fraction, "#0072B2", details.toString());
    }

    private Html finished(boolean interrupted) {
        int step = history.size();
        String time = duration(elapsedSeconds());
        StringBuilder s = new StringBuilder(interrupted
                ? String.format(Locale.ROOT, "interrupted at step %d/%d after %s", step, totalSteps, time)
                : String.format(Locale.ROOT, "done: %d steps in %s", step, time));
        if (step > 0) {
            s.append(" · loss ").append(fixed(history.losses()[step - 1])).append(average());
        }
        s.append(validation());
        if (step > 0 && elapsedSeconds() > 0) {
            s.append(String.format(Locale.ROOT, " · %.1f steps/s", step / elapsedSeconds()));
        }
        line = s.toString();
        return html("", interrupted ? (double) step / Math.max(1, totalSteps) : 1, interrupted ? "#E69F00" : "#009E73",
                line);
    }

    /** The line as HTML: a rounded bar in the house colours, the details beside it; {@link #line} as its text. */
    private Html html(String prefix, double fraction, String colour, String details) {
        String html = "<div style=\"font-family:var(--jp-code-font-family,monospace);font-size:12.5px;line-height:1.7\">"
                + "<span style=\"white-space:pre\">" + Tables.escape(prefix) + "</span>"
                + "<span style=\"display:inline-block;vertical-align:middle;width:160px;height:8px;margin:0 8px 0 2px;"
                + "border-radius:4px;background:rgba(128,128,128,0.22);overflow:hidden\"><span style=\"display:block;"
                + String.format(Locale.ROOT, "height:100%%;width:%.1f%%;background:%s", fraction * 100, colour)
                + "\"></span></span><span>" + Tables.escape(details) + "</span></div>";
        return new Html(html, line);
    }

    private String average() {
        int window = Math.min(50, history.size());
        return window > 1 ? " (avg " + fixed(history.meanLastLosses(window)) + ")" : "";
    }

    private String validation() {
        var evaluations = history.evaluations();
        return evaluations.isEmpty() ? "" : " · val " + fixed(evaluations.get(evaluations.size() - 1).loss());
    }

    private double elapsedSeconds() {
        return (clock.getAsLong() - startNanos) / 1e9;
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return seconds < 10 ? String.format(Locale.ROOT, "%.1f s", seconds)
                : s < 3600 ? String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    private void guard(Runnable action) {
        if (failed) {
            return;
        }
        try {
            action.run();
        } catch (RuntimeException | LinkageError e) {
            failed = true; // stop showing progress; never disturb the training
        }
    }
}
