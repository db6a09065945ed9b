package microgpt.notebook;

import java.io.PrintStream;

/**
 * Helpers for notebook cells, meant to be imported statically:
 *
 * <pre>{@code
 * import static microgpt.notebook.Notebook.*;
 *
 * show(Charts.lossCurve(history));        // a chart in the middle of a cell
 * var history = trainer.train(model, progress(true));   // a live progress line and loss chart
 * }</pre>
 *
 * The names avoid JJava's own statically imported {@code display(..)}, {@code render(..)} and
 * {@code updateDisplay(..)}. Outside a notebook everything still works: values are printed as text, progress goes to
 * the console.
 */
public final class Notebook {

    private Notebook() {}

    /** True when this runs inside a notebook cell (a JJava kernel is running and the cell's output is attached). */
    public static boolean inNotebook() {
        return KernelBridge.attached();
    }

    /**
     * Shows a value now, as its own output, rather than only as the cell's last expression: charts as images,
     * tables and gradient-check reports as HTML, training histories as their loss curve, anything else the way the
     * kernel shows it. Outside a notebook the value's text form is printed.
     */
    public static void show(Object value) {
        try {
            MimeBundle bundle = Renderers.render(value);
            if (KernelBridge.attached()) {
                if (bundle != null) {
                    KernelBridge.display(bundle);
                } else {
                    KernelBridge.displayWithKernel(value);
                }
                return;
            }
            out().println(bundle != null ? bundle.plainText() : String.valueOf(value));
        } catch (RuntimeException e) {
            out().println(String.valueOf(value));
        }
    }

    /** Shows an HTML fragment (printed as it is outside a notebook). */
    public static void showHtml(String html) {
        MimeBundle bundle = new MimeBundle(
                java.util.Map.of(MimeBundle.TEXT_HTML, html, MimeBundle.TEXT_PLAIN, html), java.util.Map.of());
        if (KernelBridge.display(bundle) == null) {
            out().println(html);
        }
    }

    /** A training listener that shows one progress line, updated in place. */
    public static ProgressDisplay progress() {
        return new ProgressDisplay();
    }

    /** A training listener that shows one progress line and, if {@code liveChart}, a loss chart updated in place. */
    public static ProgressDisplay progress(boolean liveChart) {
        ProgressDisplay progress = new ProgressDisplay();
        return liveChart ? progress.withLiveChart() : progress;
    }

    /**
     * Charts carry an SVG version as well as the 2x PNG when {@code on}; Jupyter front ends then show the SVG.
     * Off by default: PNGs look the same everywhere and keep notebooks small. No effect if SVG is unavailable.
     */
    public static void useSvgCharts(boolean on) {
        Renderers.setSvgCharts(on);
    }

    private static PrintStream out() {
        return System.out;
    }
}
