package microgpt.notebook;

import java.util.function.Supplier;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseNotebookStatics;

/**
 * Reaches the JJava kernel from library code, when there is one, through JJava's own {@code display} and
 * {@code updateDisplay}: they render with the kernel's registered renderers (so with {@link MicrogptExtension}'s)
 * and give every display an id. Outside a notebook (the CLI, unit tests) JJava is usually absent ({@code provided}
 * scope) or has no kernel, and every method quietly reports that nothing was shown. No method throws.
 */
final class Kernel {

    private static final boolean JJAVA_PRESENT = present("org.dflib.jjava.jupyter.kernel.BaseNotebookStatics");

    private Kernel() {}

    private static boolean present(String className) {
        try {
            Class.forName(className, false, Kernel.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** True when a notebook kernel runs and a cell is executing, so that displays are seen. */
    static boolean attached() {
        return JJAVA_PRESENT && Boolean.TRUE.equals(quietly(Jjava::attached));
    }

    /** Shows the value as a new output of the running cell; returns its display id, or null if nothing was shown. */
    static String display(Object value) {
        return attached() ? quietly(() -> Jjava.display(value)) : null;
    }

    /** Replaces the output with this display id by the value; false if that was not possible. */
    static boolean update(String id, Object value) {
        return id != null && attached() && quietly(() -> Jjava.update(id, value)) != null;
    }

    /**
     * Runs a kernel call with the thread's interrupt flag cleared and restored afterwards. When a user interrupts
     * a cell, JJava interrupts the cell's thread; the training loop sees the flag and stops, and its listener then
     * reports the final state. Sending from an interrupted thread could make the NIO channels under the kernel's
     * sockets close themselves (ClosedByInterruptException), so the flag is kept off for the call.
     */
    private static <T> T quietly(Supplier<T> call) {
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

    /** The only code that names JJava classes; loaded on first use, after {@link #JJAVA_PRESENT} said they exist. */
    private static final class Jjava {
        static boolean attached() {
            return BaseKernel.notebookKernel().getIO().display.isAttached(); // throws when there is no kernel
        }

        static String display(Object value) {
            return BaseNotebookStatics.display(value);
        }

        static Boolean update(String id, Object value) {
            BaseNotebookStatics.updateDisplay(id, value);
            return Boolean.TRUE;
        }
    }
}
