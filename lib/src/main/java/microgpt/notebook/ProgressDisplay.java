package microgpt.notebook;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

import microgpt.train.StepResult;
import microgpt.train.TrainingHistory;
import microgpt.train.TrainingListener;
import microgpt.viz.Charts;

/**
 * Shows training progress as ONE line that is updated in place: step/total, a bar, the loss of the last step and
 * (in brackets) the mean loss of the last 50 steps, the latest validation loss, steps per second and the time left,
 * optionally with a live loss chart below it.
 *
 * <p>In a notebook the line is created with a display at {@link #onStart} and replaced with {@code update_display}
 * messages, at most {@linkplain #withMinInterval every 100 ms} plus the final state; the chart at most once a
 * second. Training runs on the cell's own thread, so the updates are sent from there while the cell runs.
 *
 * <p>Without a notebook (CLI, tests) the line goes to {@code System.out}: rewritten in place with {@code \r} when
 * there is a console, or printed once at the end when output is redirected. The listener never throws: if showing
 * progress fails, it stops showing progress and the training goes on.
 *
 * <pre>{@code
 * var history = trainer.train(model, new ProgressDisplay().withLiveChart());
 * }</pre>
 */
public final class ProgressDisplay implements TrainingListener {

    /** Where the progress goes: a notebook, or a console. */
    interface Output {
        /** Shows a new output and returns its id (null if it could not be shown). */
        String show(MimeBundle bundle);

        /** Replaces the output with this id. */
        void update(String id, MimeBundle bundle);
    }

    private static final int BAR_WIDTH = 24;
    private static final String BLUE = "#0072B2";
    private static final String GREEN = "#009E73";
    private static final String ORANGE = "#E69F00";

    private final LongSupplier clock;
    private final Output notebookOutput;
    private final PrintStream console;
    private final boolean consoleIsTerminal;

    private long minIntervalNanos = 100_000_000L;
    private long chartIntervalNanos = 1_000_000_000L;
    private boolean liveChart;

    private Output output;
    private TrainingHistory history = new TrainingHistory();
    private String lineId;
    private String chartId;
    private int totalSteps;
    private long startNanos;
    private long lastLineNanos;
    private long lastChartNanos;
    private long chartWaitNanos;
    private int lastConsoleLength;
    private boolean failed;
    private boolean finished;
    private String line = "";

    /** A progress line that finds the notebook by itself (or falls back to the console). */
    public ProgressDisplay() {
        this(null, System::nanoTime, System.out, System.console() != null);
    }

    /** For tests: a given output (null means "find the notebook"), clock and console. */
    ProgressDisplay(Output notebookOutput, LongSupplier clock, PrintStream console, boolean consoleIsTerminal) {
        this.notebookOutput = notebookOutput;
        this.clock = clock;
        this.console = console;
        this.consoleIsTerminal = consoleIsTerminal;
    }

    /**
     * Also shows the loss curve, redrawn at most once a second and at the end (less often if drawing takes more
     * than a tenth of that time, so that the chart never slows training by more than about 10%).
     */
    public ProgressDisplay withLiveChart() {
        return withLiveChart(1000);
    }

    /** Also shows the loss curve, redrawn at most every {@code intervalMillis} and at the end. */
    public ProgressDisplay withLiveChart(long intervalMillis) {
        this.liveChart = true;
        this.chartIntervalNanos = Math.max(0, intervalMillis) * 1_000_000L;
        return this;
    }

    /** Updates the progress line at most every {@code millis} (default 100, i.e. 10 times a second). */
    public ProgressDisplay withMinInterval(long millis) {
        this.minIntervalNanos = Math.max(0, millis) * 1_000_000L;
        return this;
    }

    /** The progress line as last shown, in text form. */
    public String line() {
        return line;
    }

    // ---- TrainingListener ----------------------------------------------------------------------------------------

    @Override
    public void onStart(int totalSteps) {
        guard(() -> {
            this.totalSteps = totalSteps;
            this.history = new TrainingHistory();
            this.finished = false;
            this.startNanos = clock.getAsLong();
            this.output = notebookOutput != null ? notebookOutput : KernelBridge.attached() ? new KernelOutput() : null;
            line = progressText(0, Double.NaN);
            if (output != null) {
                lineId = output.show(lineBundle(0, Double.NaN, State.RUNNING));
                if (liveChart) {
                    chartId = output.show(Renderers.render(Charts.lossCurve(history)));
                }
            } else {
                console(false);
            }
            lastLineNanos = startNanos;
            lastChartNanos = startNanos;
            chartWaitNanos = chartIntervalNanos;
        });
    }

    @Override
    public void onStep(StepResult result) {
        guard(() -> {
            history.add(result);
            if (totalSteps <= 0) {
                totalSteps = result.totalSteps();
            }
            long now = clock.getAsLong();
            boolean last = result.step() >= totalSteps;
            if (last || now - lastLineNanos >= minIntervalNanos) {
                lastLineNanos = now;
                line = progressText(result.step(), result.loss());
                if (output != null) {
                    output.update(lineId, lineBundle(result.step(), result.loss(), State.RUNNING));
                } else {
                    console(false);
                }
            }
            if (liveChart && output != null && now - lastChartNanos >= chartWaitNanos) {
                output.update(chartId, Renderers.render(Charts.lossCurve(history)));
                lastChartNanos = clock.getAsLong();
                // never spend more than about a tenth of the training time on drawing the chart
                chartWaitNanos = Math.max(chartIntervalNanos, 10 * (lastChartNanos - now));
            }
        });
    }

    @Override
    public void onEvaluation(int step, double validationLoss) {
        guard(() -> history.addEvaluation(step, validationLoss));
    }

    @Override
    public void onFinish(TrainingHistory finalHistory) {
        guard(() -> {
            if (finished) {
                return;
            }
            finished = true;
            if (finalHistory != null) {
                history = finalHistory;
            }
            State state = history.interrupted() ? State.INTERRUPTED : State.DONE;
            int step = history.size();
            double loss = step == 0 ? Double.NaN : history.losses()[step - 1];
            line = finalText(state);
            if (output != null) {
                output.update(lineId, lineBundle(step, loss, state));
                if (liveChart) {
                    output.update(chartId, Renderers.render(Charts.lossCurve(history)));
                }
            } else {
                console(true);
            }
        });
    }

    // ---- the line ------------------------------------------------------------------------------------------------

    private enum State { RUNNING, DONE, INTERRUPTED }

    private String progressText(int step, double loss) {
        StringBuilder s = new StringBuilder();
        s.append(stepText(step)).append(' ').append(textBar(step)).append(' ').append(percentText(step));
        if (!Double.isNaN(loss)) {
            s.append(" · loss ").append(fixed(loss)).append(averageText());
        }
        s.append(validationText());
        double rate = stepsPerSecond(step);
        if (rate > 0) {
            s.append(String.format(Locale.ROOT, " · %.1f steps/s", rate));
            if (totalSteps > step) {
                s.append(" · ").append(duration((totalSteps - step) / rate)).append(" left");
            }
        }
        return s.toString();
    }

    private String finalText(State state) {
        int step = history.size();
        double seconds = elapsedSeconds();
        StringBuilder s = new StringBuilder(state == State.DONE
                ? String.format(Locale.ROOT, "done: %d steps in %s", step, duration(seconds))
                : String.format(Locale.ROOT, "interrupted at step %d/%d after %s", step, totalSteps, duration(seconds)));
        if (step > 0) {
            s.append(" · loss ").append(fixed(history.losses()[step - 1])).append(averageText());
        }
        s.append(validationText());
        if (seconds > 0 && step > 0) {
            s.append(String.format(Locale.ROOT, " · %.1f steps/s", step / seconds));
        }
        return s.toString();
    }

    private String stepText(int step) {
        int width = Integer.toString(Math.max(totalSteps, 1)).length();
        return String.format(Locale.ROOT, "step %" + width + "d/%d", step, totalSteps);
    }

    private String textBar(int step) {
        int filled = (int) Math.round(fraction(step) * BAR_WIDTH);
        return "[" + "█".repeat(filled) + "░".repeat(BAR_WIDTH - filled) + "]";
    }

    private String percentText(int step) {
        return String.format(Locale.ROOT, "%3d%%", (int) Math.floor(fraction(step) * 100));
    }

    private String averageText() {
        int window = Math.min(50, history.size());
        return window > 1 ? " (avg " + fixed(history.meanLastLosses(window)) + ")" : "";
    }

    private String validationText() {
        var evaluations = history.evaluations();
        return evaluations.isEmpty() ? "" : " · val " + fixed(evaluations.get(evaluations.size() - 1).loss());
    }

    private double fraction(int step) {
        return totalSteps <= 0 ? 0 : Math.max(0, Math.min(1, (double) step / totalSteps));
    }

    private double stepsPerSecond(int step) {
        double seconds = elapsedSeconds();
        return seconds > 0 && step > 0 ? step / seconds : 0;
    }

    private double elapsedSeconds() {
        return (clock.getAsLong() - startNanos) / 1e9;
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        return s < 3600 ? String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    private MimeBundle lineBundle(int step, double loss, State state) {
        String text = state == State.RUNNING ? progressText(step, loss) : finalText(state);
        String colour = state == State.DONE ? GREEN : state == State.INTERRUPTED ? ORANGE : BLUE;
        double percent = state == State.DONE ? 100 : fraction(step) * 100;
        String details = state == State.RUNNING
                ? text.substring(text.indexOf(']') + 1).trim()
                : text;
        String html = "<div style=\"font-family:var(--jp-code-font-family,monospace);font-size:12.5px;"
                + "line-height:1.7\">"
                + (state == State.RUNNING ? "<span style=\"white-space:pre\">" + esc(stepText(step)) + "</span> " : "")
                + "<span style=\"display:inline-block;vertical-align:middle;width:160px;height:8px;margin:0 8px 0 2px;"
                + "border-radius:4px;background:rgba(128,128,128,0.22);overflow:hidden\">"
                + "<span style=\"display:block;height:100%;width:" + String.format(Locale.ROOT, "%.1f", percent)
                + "%;background:" + colour + "\"></span></span>"
                + "<span>" + esc(details) + "</span></div>";
        Map<String, String> data = new LinkedHashMap<>();
        data.put(MimeBundle.TEXT_HTML, html);
        data.put(MimeBundle.TEXT_PLAIN, text);
        return new MimeBundle(data, Map.of());
    }

    private static String esc(String s) {
        return microgpt.viz.Tables.escape(s);
    }

    // ---- console fallback ----------------------------------------------------------------------------------------

    private void console(boolean last) {
        if (consoleIsTerminal) {
            String padding = " ".repeat(Math.max(0, lastConsoleLength - line.length()));
            console.print("\r" + line + padding);
            lastConsoleLength = line.length();
            if (last) {
                console.println();
            }
            console.flush();
        } else if (last) {
            console.println(line);
            console.flush();
        }
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

    /** The notebook, through the kernel bridge. */
    private static final class KernelOutput implements Output {
        @Override
        public String show(MimeBundle bundle) {
            return KernelBridge.display(bundle);
        }

        @Override
        public void update(String id, MimeBundle bundle) {
            KernelBridge.update(id, bundle);
        }
    }
}
