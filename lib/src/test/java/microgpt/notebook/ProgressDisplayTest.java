package microgpt.notebook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

class ProgressDisplayTest {

    /** Records what a notebook would receive. */
    static final class FakeNotebook implements ProgressDisplay.Output {
        final List<MimeBundle> shown = new ArrayList<>();
        final List<String> updatedIds = new ArrayList<>();
        final List<MimeBundle> updates = new ArrayList<>();

        @Override
        public String show(MimeBundle bundle) {
            shown.add(bundle);
            return "id" + shown.size();
        }

        @Override
        public void update(String id, MimeBundle bundle) {
            updatedIds.add(id);
            updates.add(bundle);
        }

        long updatesOf(String id) {
            return updatedIds.stream().filter(id::equals).count();
        }

        MimeBundle lastUpdateOf(String id) {
            for (int i = updatedIds.size() - 1; i >= 0; i--) {
                if (updatedIds.get(i).equals(id)) {
                    return updates.get(i);
                }
            }
            return null;
        }
    }

    /** Runs {@code steps} steps of {@code millisPerStep} each on a fake clock. */
    private static TrainingHistory run(TrainingListener listener, AtomicLong clock, int steps, long millisPerStep) {
        TrainingHistory history = new TrainingHistory();
        listener.onStart(steps);
        for (int s = 1; s <= steps; s++) {
            clock.addAndGet(millisPerStep * 1_000_000L);
            StepResult result = new StepResult(s, steps, 3.0 - s * 0.001, 0.01, millisPerStep * 1_000_000L);
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
        long lineUpdates = notebook.updatesOf("id1");
        assertTrue(lineUpdates >= 19 && lineUpdates <= 22, "about 10 per second plus the end: " + lineUpdates);
        MimeBundle last = notebook.lastUpdateOf("id1");
        assertTrue(last.plainText().startsWith("done: 1000 steps in 2.0 s"), last.plainText());
        assertTrue(last.plainText().contains("loss 2.0000"));
        assertTrue(last.plainText().contains("val 2.5000"));
        assertTrue(last.plainText().contains("500.0 steps/s"));
        assertTrue(last.get(MimeBundle.TEXT_HTML).contains("width:100.0%"));
    }

    @Test
    void runningLineShowsStepBarLossRateAndTimeLeft() {
        FakeNotebook notebook = new FakeNotebook();
        AtomicLong clock = new AtomicLong();
        ProgressDisplay progress = new ProgressDisplay(notebook, clock::get, System.out, false);
        progress.onStart(100);
        for (int s = 1; s <= 50; s++) {
            clock.addAndGet(10_000_000L);
            progress.onStep(new StepResult(s, 100, 2.5, 0.01, 10_000_000L));
        }
        String line = progress.line();
        assertTrue(line.startsWith("step  50/100 [████████████░░░░░░░░░░░░]  50%"), line);
        assertTrue(line.contains("loss 2.5000 (avg 2.5000)"), line);
        assertTrue(line.contains("100.0 steps/s"), line);
        assertTrue(line.contains("0.5 s left"), line);
        String html = notebook.lastUpdateOf("id1").get(MimeBundle.TEXT_HTML);
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
        assertTrue(notebook.shown.get(1).has(MimeBundle.IMAGE_PNG));
        long chartUpdates = notebook.updatesOf("id2");
        assertTrue(chartUpdates >= 3 && chartUpdates <= 4, "once a second plus the end: " + chartUpdates);
        assertTrue(notebook.lastUpdateOf("id2").has(MimeBundle.IMAGE_PNG));
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
            StepResult r = new StepResult(s, 100, 2.0, 0.01, 5_000_000L);
            history.add(r);
            progress.onStep(r);
        }
        history.markInterrupted();
        progress.onFinish(history);
        assertTrue(progress.line().startsWith("interrupted at step 40/100"), progress.line());
        assertTrue(notebook.lastUpdateOf("id1").get(MimeBundle.TEXT_HTML).contains("#E69F00"));
    }

    @Test
    void aFailingNotebookNeverStopsTraining() {
        ProgressDisplay.Output broken = new ProgressDisplay.Output() {
            @Override
            public String show(MimeBundle bundle) {
                throw new IllegalStateException("socket closed");
            }

            @Override
            public void update(String id, MimeBundle bundle) {
                throw new IllegalStateException("socket closed");
            }
        };
        AtomicLong clock = new AtomicLong();
        ProgressDisplay progress = new ProgressDisplay(broken, clock::get, System.out, false).withLiveChart();
        assertDoesNotThrow(() -> run(progress, clock, 50, 10));
    }

    @Test
    void withoutAKernelATerminalGetsOneRewrittenLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream console = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AtomicLong clock = new AtomicLong();
        ProgressDisplay progress = new ProgressDisplay(null, clock::get, console, true);
        run(progress, clock, 100, 20);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, out.chars().filter(c -> c == '\n').count(), "a single line, rewritten with \\r");
        assertTrue(out.chars().filter(c -> c == '\r').count() > 5);
        assertTrue(out.trim().endsWith(progress.line()));
        assertTrue(progress.line().startsWith("done: 100 steps"));
    }

    @Test
    void withoutAKernelRedirectedOutputGetsOnlyTheFinalLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream console = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AtomicLong clock = new AtomicLong();
        run(new ProgressDisplay(null, clock::get, console, false), clock, 100, 20);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(out.contains("\r"));
        assertTrue(out.startsWith("done: 100 steps in 2.0 s"), out);
        assertEquals(1, out.lines().count());
    }

    @Test
    void defaultConstructorWorksInAPlainJvm() {
        ProgressDisplay progress = Notebook.progress(true);
        assertNotNull(progress);
        assertDoesNotThrow(() -> run(progress, new AtomicLong(), 20, 1));
        assertTrue(progress.line().startsWith("done: 20 steps"));
    }
}
