package microgpt.widgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A user's change to a control reruns the view, and the new output reaches the front end. */
class LivePanelTest {

    private final RecordingComms frontEnd = new RecordingComms();

    @Test
    void movingTheSliderReplacesTheOutput() {
        Slider temperature = Slider.decimal("temperature", 0.1, 2.0, 0.05, 0.5);
        LivePanel panel = LivePanel.of(() -> "<b>τ " + temperature.value() + "</b>", temperature);
        assertEquals("<b>τ 0.5</b>", panel.html());
        assertTrue(panel.open(frontEnd));
        String outputId = outputPaneId();

        frontEnd.deliver(temperature.id(), Map.of("method", "update", "state", Map.of("value", 1.25)));

        assertEquals("<b>τ 1.25</b>", panel.html());
        RecordingComms.Sent last = frontEnd.sent.get(frontEnd.sent.size() - 1);
        assertEquals(outputId, last.commId());
        assertEquals("update", last.data().get("method"));
        assertEquals(Map.of("value", "<b>τ 1.25</b>"), last.data().get("state"));
    }

    @Test
    void typingReplacesTheOutputAndAFailureIsOneLine() {
        TextBox prefix = new TextBox("prefix", "ka", null);
        LivePanel panel = LivePanel.of(() -> {
            if (prefix.value().contains("!")) {
                throw new IllegalArgumentException("'!' is not a letter the model knows\nsecond line");
            }
            return prefix.value().toUpperCase();
        }, prefix);
        panel.open(frontEnd);

        frontEnd.deliver(prefix.id(), Map.of("method", "update", "state", Map.of("value", "kam")));
        assertEquals("KAM", panel.html());
        frontEnd.deliver(prefix.id(), Map.of("method", "update", "state", Map.of("value", "k!")));
        assertTrue(panel.html().contains("&#39;!&#39; is not a letter the model knows"), panel.html());
        assertFalse(panel.html().contains("second line"));
    }

    @Test
    void thePanelIsAColumnOfTheControlsRowAndTheOutput() {
        Slider a = Slider.whole("a", 0, 10, 1, 5);
        Slider b = Slider.whole("b", 0, 10, 1, 7);
        LivePanel panel = LivePanel.of(() -> "x", a, b);
        panel.open(frontEnd);
        Map<String, Object> state = frontEnd.openState(panel.id());
        assertEquals("VBoxModel", state.get("_model_name"));
        List<?> children = (List<?>) state.get("children");
        assertEquals(2, children.size());
        Map<String, Object> row = frontEnd.openState(((String) children.get(0)).substring("IPY_MODEL_".length()));
        assertEquals(List.of("IPY_MODEL_" + a.id(), "IPY_MODEL_" + b.id()), row.get("children"));
    }

    @Test
    void withoutAKernelItShowsItsFirstOutputTheValuesAndSaysSo() {
        Slider temperature = Slider.decimal("temperature", 0.1, 2.0, 0.05, 0.5);
        LivePanel panel = LivePanel.of(() -> "<p>kamon</p>", temperature);
        assertFalse(panel.open(null));
        String fallback = panel.fallbackHtml();
        assertTrue(fallback.startsWith("<p>kamon</p>"), fallback);
        assertTrue(fallback.contains("temperature = 0.50"), fallback);
        assertTrue(fallback.contains(LivePanel.NEEDS_KERNEL), fallback);
        assertEquals("LivePanel: temperature = 0.50 (live controls need a running Java kernel)", panel.toString());
    }

    private String outputPaneId() {
        String last = null;
        for (Map.Entry<String, Map<String, Object>> e : frontEnd.opened.entrySet()) {
            Map<?, ?> state = (Map<?, ?>) e.getValue().get("state");
            if ("HTMLModel".equals(state.get("_model_name"))) {
                last = e.getKey();
            }
        }
        return last;
    }
}
