package microgpt.widgets;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The two-way channel between widgets and the front end: Jupyter comms to the target {@code jupyter.widget}. In a
 * notebook it is the kernel's ({@link KernelComms}); unit tests record the messages instead. The data are plain JSON
 * values: maps, lists, strings, numbers, booleans and null.
 */
public interface Comms {

    /** The comm target of every widget model, as JupyterLab's widget manager registers it. */
    String TARGET = "jupyter.widget";

    /** The widget message protocol spoken here (ipywidgets 8); sent as the {@code version} metadata of every open. */
    String PROTOCOL_VERSION = "2.1.0";

    /**
     * Opens a comm whose {@code comm_open} carries {@code data} and the protocol version; the front end's messages
     * on it go to {@code onMessage}. Returns the comm's id, or null when no front end can be reached.
     */
    String open(Map<String, Object> data, Consumer<Map<String, Object>> onMessage);

    /** Sends {@code data} as a {@code comm_msg} on an open comm. */
    void send(String commId, Map<String, Object> data);

    /** The kernel's comms when this code runs in a Java kernel, else null (then widgets show their fallback). */
    static Comms kernel() {
        try {
            return KernelComms.find();
        } catch (LinkageError e) {
            return null;   // JJava is not on the class path (the CLI): KernelComms cannot load
        }
    }
}
