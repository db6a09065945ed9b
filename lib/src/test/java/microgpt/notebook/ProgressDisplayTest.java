package microgpt.notebook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import microgpt.train.StepResult;
import microgpt.train.TrainingHistory;
import microgpt.train.TrainingListener;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class ProgressDisplayTest {

    /** Records what a notebook would receive. */
    static final class FakeNotebook implements ProgressDisplay.Output {
        final List<Object> shown = new ArrayList<>();
        final List<String> updatedIds = new ArrayList<>();
        final List<Object> updates = new ArrayList<>();

        @Override
        public String show(Object value) {
            shown.add(value);
            return "id" + shown.size();
        }

        @Override
        public void update(String id, Object value) {
            updatedIds.add(id);
            updates.add(value);
        }

        long updatesOf(String id) {
            return updatedIds.stream().filter(id::equals).count();
        }

        Object lastUpdateOf(String id) {
            for (int i = updatedIds.size() - 1; i >= 0; i--) {
                if (updatedIds.get(i).equals(id)) {
                    return updates.get(i);
                }
            }
            return null;
        }

        Html lastLine() {
            return (Html) lastUpdateOf("id1");
        }
    }

    /** Runs {@code steps} steps of {@code millisPerStep} each on a fake clock. */
    private static TrainingHistory run(TrainingListener listener, AtomicLong clock, int steps, long millisPerStep) {
        TrainingHistory history = new TrainingHistory();
        listener.onStart(steps);
        for (int s = 1; s <= steps; s++) {
            clock.addAndGet(millisPerStep * 1_000_000L);
            StepResult result = new StepResult(s, steps, 3.0 - s * 0.001, 0.01, millisPerStep * 1_000_000L, 16);
            history.add(result);
            listener.onStep(result);
            if (s % 250 == 0) {
                history.addEvaluation(s, 2.5);
                listener.onEvaluation(s, 2.5);
            }
        }
        listener.onFinish(history);
        return history;
    }

    @Test
    void oneLineUpdatedInPlaceAtMostTenTimesASecond() {
        FakeNotebook notebook = new FakeNotebook();
        AtomicLong clock = new AtomicLong();
        ProgressDisplay progress = new ProgressDisplay(notebook, clock::get, System.out, false);
        run(progress, clock, 1000, 2); // 2 s of training

        assertEquals(1, notebook.shown.size(), "one display for the line");
        assertEquals(List.of("id1"), notebook.updatedIds.stream().distinct().toList(), "every update reuses its id");
        long lineUpdates = notebook.updatesOf("id1");
        assertTrue(lineUpdates >= 19 && lineUpdates <= 22, "about 10 per second plus the end: " + lineUpdates);
        Html last = notebook.lastLine();
        assertTrue(last.text().startsWith("done: 1000 steps in 2.0 s"), last.text());
        assertTrue(last.text().contains("loss 2.0000"));
        assertTrue(last.text().contains("val 2.5000"));
        assertTrue(last.text().contains("500.0 steps/s"));
        assertTrue(last.html().contains("width:100.0%"));
        assertEquals(progress.line(), last.text());
    }

    @Test
    void runningLineShowsStepBarLossRateAndTimeLeft() {
        FakeNotebook notebook = new FakeNotebook();
        AtomicLong clock = new AtomicLong();
        ProgressDisplay progress = new ProgressDisplay(notebook, clock::get, System.out, false);
        progress.onStart(100);
        for (int s = 1; s <= 50; s++) {
            clock.addAndGet(10_000_000L);
            progress.onStep(new StepResult(s, 100, 2.5, 0.01, 10_000_000L, 16));
        }
        String line = progress.line();
        assertTrue(line.startsWith("step  50/100 [████████████░░░░░░░░░░░░]  50%"), line);
        assertTrue(line.contains("loss 2.5000 (avg 2.5000)"), line);
        assertTrue(line.contains("100.0 steps/s"), line);
        assertTrue(line.contains("0.5 s left"), line);
        String html = notebook.lastLine().html();
        assertTrue(html.contains("width:50.0%"), html);
        assertTrue(html.contains("step  50/100"));
    }

    @Test
    void liveChartIsRedrawnAboutOnceASecond() {
        FakeNotebook notebook = new FakeNotebook();
        AtomicLong clock = new AtomicLong();
        ProgressDisplay progress = new ProgressDisplay(notebook, clock::get, System.out, false).withLiveChart();
        run(progress, clock, 1000, 3); // 3 s

        assertEquals(2, notebook.shown.size(), "the line and the chart");
        assertInstanceOf(XYChart.class, notebook.shown.get(1));
        assertEquals(List.of("id1", "id2"), notebook.updatedIds.stream().distinct().sorted().toList());
        long chartUpdates = notebook.updatesOf("id2");
        assertTrue(chartUpdates >= 3 && chartUpdates <= 4, "once a second plus the end: " + chartUpdates);
        XYChart last = (XYChart) notebook.lastUpdateOf("id2");
        assertEquals(1000, last.getSeriesMap().get("loss per step").getYData().length, "the chart of the whole run");
        assertTrue(last.getSeriesMap().containsKey("validation"));
    }

    @Test
    void interruptedRunsSaySo() {
        FakeNotebook notebook = new FakeNotebook();
        AtomicLong clock = new AtomicLong();
        ProgressDisplay progress = new ProgressDisplay(notebook, clock::get, System.out, false);
        progress.onStart(100);
        TrainingHistory history = new TrainingHistory();
        for (int s = 1; s <= 40; s++) {
            clock.addAndGet(5_000_000L);
            StepResult r = new StepResult(s, 100, 2.0, 0.01, 5_000_000L, 16);
            history.add(r);
            progress.onStep(r);
        }
        history.markInterrupted();
        progress.onFinish(history);
        assertTrue(progress.line().startsWith("interrupted at step 40/100"), progress.line());
        assertTrue(notebook.lastLine().html().contains("#E69F00"));
    }

    @Test
    void aFailingNotebookNeverStopsTraining() {
        ProgressDisplay.Output broken = new ProgressDisplay.Output() {
            @Override
            public String show(Object value) {
                throw new IllegalStateException("socket closed");
            }

            @Override
            public void update(String id, Object value) {
                throw new IllegalStateException("socket closed");
            }
        };
        AtomicLong clock = new AtomicLong();
        ProgressDisplay progress = new ProgressDisplay(broken, clock::get, System.out, false).withLiveChart();
        assertDoesNotThrow(() -> run(progress, clock, 50, 10));
    }

    @Test
    void withoutAKernelItPrintsLikeTheCli() {
        for (boolean terminal : new boolean[] {true, false}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintStream console = new PrintStream(bytes, true, StandardCharsets.UTF_8);
            AtomicLong clock = new AtomicLong();
            run(new ProgressDisplay(null, clock::get, console, terminal), clock, 100, 20);
            String out = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(out.contains("step  100 /  100 | loss 2.9000"), out);
            assertEquals(terminal ? 1 : 100, out.chars().filter(c -> c == '\n').count(), out);
            assertEquals(terminal, out.contains("\r"), "rewritten in place only on a terminal");
        }
    }

    @Test
    void defaultConstructorWorksInAPlainJvm() {
        ProgressDisplay progress = Notebook.progress(true);
        assertNotNull(progress);
        assertDoesNotThrow(() -> run(progress, new AtomicLong(), 20, 1));
        assertEquals("", progress.line(), "no notebook here: the lines went to the console");
    }
}
