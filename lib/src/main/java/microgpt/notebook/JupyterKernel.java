package microgpt.notebook;

import java.util.Map;
import java.util.UUID;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * The only class besides {@link MicrogptExtension} that touches JJava, reached through {@link KernelBridge} only
 * after it checked that the JJava classes exist, so that the rest of the library loads in a plain JVM.
 *
 * <p>Only API that is the same in JJava 1.0-a6 and 1.0-a8 is used: {@code BaseKernel.notebookKernel()},
 * {@code getIO().display} ({@code DisplayStream.isAttached/display/updateDisplay(String, DisplayData)}),
 * {@code getRenderer().render(Object)} and the {@code DisplayData} put-methods. {@code DisplayData.setDisplayId}
 * is avoided on purpose: it returns void in a6 and DisplayData in a8, so a call compiled against one breaks on
 * the other; the display id goes in as the transient key {@code display_id} instead.
 */
final class JupyterKernel {

    private JupyterKernel() {}

    /** The running kernel, or null outside a notebook (notebookKernel() throws when there is none). */
    static BaseKernel kernel() {
        try {
            return BaseKernel.notebookKernel();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** True when a kernel runs and a cell's output is attached, so that displays reach the notebook. */
    static boolean attached() {
        BaseKernel kernel = kernel();
        return kernel != null && kernel.getIO().display.isAttached();
    }

    static DisplayData toDisplayData(MimeBundle bundle) {
        DisplayData out = new DisplayData();
        bundle.data().forEach(out::putData);
        for (Map.Entry<String, Map<String, Object>> e : bundle.metadata().entrySet()) {
            out.putMetaData(e.getKey(), e.getValue());
        }
        return out;
    }

    /** Displays the bundle as a new output of the running cell and returns its display id. */
    static String display(MimeBundle bundle) {
        BaseKernel kernel = kernel();
        if (kernel == null) {
            return null;
        }
        String id = UUID.randomUUID().toString();
        DisplayData data = toDisplayData(bundle);
        data.putTransientData("display_id", id);
        kernel.getIO().display.display(data);
        return id;
    }

    /** Replaces the content of the display with this id, wherever it is in the notebook. */
    static void update(String id, MimeBundle bundle) {
        BaseKernel kernel = kernel();
        if (kernel != null) {
            kernel.getIO().display.updateDisplay(id, toDisplayData(bundle));
        }
    }

    /** Displays any value with the kernel's own renderers (and so with those of every installed extension). */
    static void displayWithKernel(Object value) {
        BaseKernel kernel = kernel();
        if (kernel != null) {
            kernel.getIO().display.display(kernel.getRenderer().render(value));
        }
    }
}
