package microgpt.notebook;

/**
 * Reaches the JJava kernel from library code, when there is one. In a notebook, code that a cell calls runs on the
 * cell's own thread while the cell executes, so displays made here land in that cell's output. Outside a notebook
 * (the CLI, unit tests) the JJava classes are usually absent ({@code provided} scope) and every method quietly
 * reports that nothing was shown. No method throws.
 */
final class KernelBridge {

    private static final boolean JJAVA_PRESENT = present("org.dflib.jjava.jupyter.kernel.BaseKernel");

    private KernelBridge() {}

    private static boolean present(String className) {
        try {
            Class.forName(className, false, KernelBridge.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** True when a notebook kernel runs and a cell is executing, so that displays are seen. */
    static boolean attached() {
        if (!JJAVA_PRESENT) {
            return false;
        }
        try {
            return JupyterKernel.attached();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Shows the bundle as a new output; returns its display id, or null if nothing could be shown. */
    static String display(MimeBundle bundle) {
        if (!attached()) {
            return null;
        }
        return quietly(() -> JupyterKernel.display(bundle));
    }

    /** Replaces the output with this display id; false if that was not possible. */
    static boolean update(String id, MimeBundle bundle) {
        if (id == null || !attached()) {
            return false;
        }
        return quietly(() -> {
            JupyterKernel.update(id, bundle);
            return Boolean.TRUE;
        }) != null;
    }

    /** Shows any value with the kernel's renderers; false if there is no kernel. */
    static boolean displayWithKernel(Object value) {
        if (!attached()) {
            return false;
        }
        return quietly(() -> {
            JupyterKernel.displayWithKernel(value);
            return Boolean.TRUE;
        }) != null;
    }

    /**
     * Runs a kernel call with the thread's interrupt flag cleared and restored afterwards. When a user interrupts
     * a cell, JJava interrupts the cell's thread; the training loop sees the flag and stops, and its listener then
     * reports the final state. Sending a message from an interrupted thread could make the NIO channels under the
     * kernel's sockets close themselves (ClosedByInterruptException), so the flag is kept off for the call.
     */
    private static <T> T quietly(java.util.function.Supplier<T> call) {
        boolean interrupted = Thread.interrupted();
        try {
            return call.get();
        } catch (RuntimeException | LinkageError e) {
            return null;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
