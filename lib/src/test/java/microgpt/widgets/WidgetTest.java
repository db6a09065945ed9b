package microgpt.widgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import microgpt.InvalidInputException;

import org.junit.jupiter.api.Test;

/** The widget protocol as the front end sees it: what is opened, what is sent, what a user's change does. */
class WidgetTest {

    private final RecordingComms frontEnd = new RecordingComms();

    @Test
    void openingSendsTheLayoutAndStyleFirstThenTheSliderThatRefersToThem() {
        Slider slider = Slider.decimal("temperature", 0.1, 2.0, 0.05, 0.5);
        assertTrue(slider.open(frontEnd));

        assertEquals(List.of("comm-1", "comm-2", "comm-3"), List.copyOf(frontEnd.opened.keySet()));
        assertEquals("LayoutModel", frontEnd.openState("comm-1").get("_model_name"));
        assertEquals("@jupyter-widgets/base", frontEnd.openState("comm-1").get("_model_module"));
        assertEquals("SliderStyleModel", frontEnd.openState("comm-2").get("_model_name"));
        Map<String, Object> state = frontEnd.openState("comm-3");
        assertEquals("FloatSliderModel", state.get("_model_name"));
        assertEquals("FloatSliderView", state.get("_view_name"));
        assertEquals("@jupyter-widgets/controls", state.get("_model_module"));
        assertEquals("2.0.0", state.get("_model_module_version"));
        assertEquals("IPY_MODEL_comm-1", state.get("layout"));
        assertEquals("IPY_MODEL_comm-2", state.get("style"));
        assertEquals(0.5, state.get("value"));
        assertEquals(".2f", state.get("readout_format"));
        assertEquals("temperature", state.get("description"));
        assertEquals(List.of(), frontEnd.opened.get("comm-3").get("buffer_paths"));
        assertEquals(Map.of("model_id", "comm-3", "version_major", 2, "version_minor", 0), slider.viewData());
    }

    @Test
    void openingTwiceOpensOnce() {
        TextBox box = new TextBox("prefix", "ka", null);
        assertTrue(box.open(frontEnd));
        assertTrue(box.open(frontEnd));
        assertEquals(3, frontEnd.opened.size());
    }

    @Test
    void withoutAFrontEndNothingOpens() {
        Slider slider = Slider.whole("steps", 50, 300, 50, 200);
        assertFalse(slider.open(null));
        assertNull(slider.id());
        assertNull(slider.viewData().get("model_id"));
    }

    @Test
    void aUsersUpdateChangesTheValueIsEchoedAndRunsTheListeners() {
        Slider slider = Slider.decimal("temperature", 0.1, 2.0, 0.05, 0.5);
        AtomicInteger changes = openCountingChanges(slider);

        frontEnd.deliver(slider.id(), Map.of("method", "update", "state", Map.of("value", 0.85), "buffer_paths", List.of()));

        assertEquals(0.85, slider.value());
        assertEquals(1, changes.get());
        RecordingComms.Sent echo = frontEnd.sent.get(0);
        assertEquals(slider.id(), echo.commId());
        assertEquals("echo_update", echo.data().get("method"));
        assertEquals(Map.of("value", 0.85), echo.data().get("state"));
    }

    @Test
    void theSliderKeepsItsValueInRangeAndIgnoresWhatIsNotAValue() {
        Slider slider = Slider.whole("steps", 50, 300, 50, 200);
        AtomicInteger changes = openCountingChanges(slider);

        frontEnd.deliver(slider.id(), Map.of("method", "update", "state", Map.of("value", 250.0)));
        assertEquals(250, slider.intValue());
        assertEquals(Map.of("value", 250.0), frontEnd.sent.get(0).data().get("state"));   // JSON 250
        frontEnd.deliver(slider.id(), Map.of("method", "update", "state", Map.of("value", 9000.0)));
        assertEquals(300, slider.intValue());
        frontEnd.deliver(slider.id(), Map.of("method", "update", "state", Map.of("value", "lots", "min", 0.0)));
        assertEquals(300, slider.intValue());
        assertEquals(2, changes.get(), "a message with nothing to take runs no listener");
        assertEquals("steps = 300", slider.toString());
    }

    @Test
    void requestStateIsAnsweredWithTheWholeState() {
        TextBox box = new TextBox("prefix", "ka", "type letters");
        box.open(frontEnd);
        frontEnd.deliver(box.id(), Map.of("method", "request_state"));

        RecordingComms.Sent reply = frontEnd.sent.get(0);
        assertEquals("update", reply.data().get("method"));
        Map<?, ?> state = (Map<?, ?>) reply.data().get("state");
        assertEquals("ka", state.get("value"));
        assertEquals("TextModel", state.get("_model_name"));
        assertEquals("IPY_MODEL_" + box.layout().id(), state.get("layout"));
    }

    @Test
    void aChangeMadeInTheKernelIsSentAsAnUpdate() {
        Slider slider = Slider.decimal("lr", 0.001, 0.05, 0.001, 0.01);
        slider.setValue(0.02);                        // not open yet: nothing to send
        assertTrue(frontEnd.sent.isEmpty());
        slider.open(frontEnd);
        assertEquals(0.02, frontEnd.openState(slider.id()).get("value"));
        slider.setValue(0.03);
        assertEquals(Map.of("value", 0.03), frontEnd.sent.get(0).data().get("state"));
        assertEquals("update", frontEnd.sent.get(0).data().get("method"));
        assertEquals(".3f", frontEnd.openState(slider.id()).get("readout_format"));
    }

    @Test
    void badSliderSettingsAreOneClearLine() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Slider.decimal("temperature", 0.1, 2.0, 0.05, 3.0));
        assertTrue(e.getMessage().contains("slider \"temperature\""), e.getMessage());
        assertTrue(e.getMessage().contains("value 3.0"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertThrows(InvalidInputException.class, () -> Slider.whole("steps", 300, 50, 50, 100));
        assertThrows(InvalidInputException.class, () -> Slider.decimal("x", 0, 1, 0, 0.5));
    }

    @Test
    void aBoxRefersToItsChildrenInOrder() {
        Slider a = Slider.whole("a", 0, 10, 1, 5);
        TextBox b = new TextBox("b", "", null);
        Box row = Box.row(a, b);
        row.open(frontEnd);
        Map<String, Object> state = frontEnd.openState(row.id());
        assertEquals("HBoxModel", state.get("_model_name"));
        assertEquals(List.of("IPY_MODEL_" + a.id(), "IPY_MODEL_" + b.id()), state.get("children"));
        assertNull(state.get("style"));
    }

    /** Opens the slider on the recording front end; the counter counts its change listener's calls. */
    private AtomicInteger openCountingChanges(Slider slider) {
        slider.open(frontEnd);
        AtomicInteger changes = new AtomicInteger();
        slider.onChange(changes::incrementAndGet);
        return changes;
    }
}
