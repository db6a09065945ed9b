package microgpt.widgets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A widget model, the kernel half of a Jupyter widget (ipywidgets 8, protocol 2.1.0): a map of state kept in step
 * with its twin in the front end over one comm. Opening sends the whole state in a {@code comm_open}; a change here
 * goes out as an {@code update} message; an {@code update} from the front end (the user moved a slider) changes the
 * state here, is echoed back as {@code echo_update} and runs the change listeners; {@code request_state} (a page
 * reloaded) is answered with the whole state. A widget that refers to others (its layout, a box's children) holds
 * them in its state and sends them as {@code "IPY_MODEL_<id>"}; they are opened first.
 *
 * <p>Without a front end ({@link Comms#kernel()} is null) a widget never opens and is shown by its fallback.
 */
public abstract class Widget {

    /** The MIME type of a widget's view in a display bundle. */
    public static final String VIEW_MIME_TYPE = "application/vnd.jupyter.widget-view+json";
    static final String CONTROLS = "@jupyter-widgets/controls";
    static final String BASE = "@jupyter-widgets/base";
    static final String MODULE_VERSION = "2.0.0";
    private static final String REFERENCE = "IPY_MODEL_";

    private final Map<String, Object> state = new LinkedHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private Comms comms;
    private String id;

    protected Widget(String modelModule, String modelName, String viewModule, String viewName) {
        state.put("_model_module", modelModule);
        state.put("_model_module_version", MODULE_VERSION);
        state.put("_model_name", modelName);
        state.put("_view_module", viewModule);
        state.put("_view_module_version", MODULE_VERSION);
        state.put("_view_name", viewName);
        state.put("_view_count", null);
    }

    /** Sets a state key; once open, the front end gets the new value at once. */
    protected final void set(String key, Object value) {
        Comms target;
        synchronized (this) {
            state.put(key, value);
            target = id != null ? comms : null;
        }
        if (target != null) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put(key, wire(value));
            target.send(id, message("update", change));
        }
    }

    protected final synchronized Object get(String key) {
        return state.get(key);
    }

    /** The comm id the front end knows this model by; null until opened. */
    public final synchronized String id() {
        return id;
    }

    /**
     * Opens this widget on the front end, after the widgets it refers to; true if the front end has it now.
     * Opening twice does nothing the second time.
     */
    public final boolean open(Comms comms) {
        synchronized (this) {
            if (id != null) {
                return true;
            }
        }
        if (comms == null) {
            return false;
        }
        for (Widget part : parts()) {
            if (!part.open(comms)) {
                return false;
            }
        }
        Map<String, Object> data;
        synchronized (this) {
            this.comms = comms;
            data = Map.of("state", wire(state), "buffer_paths", List.of());
        }
        String opened = comms.open(data, this::receive);
        synchronized (this) {
            id = opened;
        }
        return opened != null;
    }

    /** The display data of this widget's view, for the {@link #VIEW_MIME_TYPE} entry of a bundle (once open). */
    public final Map<String, Object> viewData() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("model_id", id());
        view.put("version_major", 2);
        view.put("version_minor", 0);
        return view;
    }

    /** What stands for the widget where no widget front end runs (a static page), as HTML; null for none. */
    public String fallbackHtml() {
        return null;
    }

    /** Runs {@code listener} after each change that the front end makes (on the kernel's thread for comms). */
    public final void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /**
     * A value from the front end, in the Java type this widget keeps for {@code key} (JSON numbers arrive as
     * doubles); null to ignore the key. By default only {@code value} is taken, as it is.
     */
    protected Object fromFrontEnd(String key, Object value) {
        return "value".equals(key) ? value : null;
    }

    /** Handles one message of the front end on this widget's comm. */
    final void receive(Map<String, Object> data) {
        Object method = data == null ? null : data.get("method");
        if ("request_state".equals(method)) {
            Map<String, Object> whole;
            synchronized (this) {
                whole = wire(state);
            }
            comms.send(id, message("update", whole));
        } else if ("update".equals(method) && data.get("state") instanceof Map<?, ?> changes) {
            Map<String, Object> taken = new LinkedHashMap<>();
            synchronized (this) {
                changes.forEach((key, value) -> {
                    Object kept = fromFrontEnd(String.valueOf(key), value);
                    if (kept != null) {
                        state.put(String.valueOf(key), kept);
                        taken.put(String.valueOf(key), wire(kept));
                    }
                });
            }
            if (!taken.isEmpty()) {
                comms.send(id, message("echo_update", taken));   // protocol 2.1: confirm what the kernel now holds
                listeners.forEach(Runnable::run);
            }
        }
    }

    /** The widgets this one's state refers to. */
    private synchronized List<Widget> parts() {
        List<Widget> parts = new ArrayList<>();
        for (Object value : state.values()) {
            if (value instanceof Widget w) {
                parts.add(w);
            } else if (value instanceof Collection<?> c) {
                c.stream().filter(Widget.class::isInstance).map(Widget.class::cast).forEach(parts::add);
            }
        }
        return parts;
    }

    private static Map<String, Object> message(String method, Map<String, Object> state) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("method", method);
        message.put("state", state);
        message.put("buffer_paths", List.of());
        return message;
    }

    /** A state map as it goes on the wire: widgets become references. */
    private static Map<String, Object> wire(Map<String, Object> state) {
        Map<String, Object> out = new LinkedHashMap<>();
        state.forEach((key, value) -> out.put(key, wire(value)));
        return out;
    }

    private static Object wire(Object value) {
        if (value instanceof Widget w) {
            return REFERENCE + w.id();
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(Widget::wire).toList();
        }
        return value;
    }
}
