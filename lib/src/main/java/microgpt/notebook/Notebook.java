package microgpt.notebook;

import microgpt.viz.Tables;

import org.knowm.xchart.internal.chartpart.Chart;

import tech.tablesaw.api.Table;

/**
 * Helpers for notebook cells, meant to be imported statically:
 *
 * <pre>{@code
 * import static microgpt.notebook.Notebook.*;
 *
 * show(Charts.lossCurve(history));                       // a chart in the middle of a cell
 * var history = trainer.train(progress(true));           // a live progress line and loss chart
 * }</pre>
 *
 * The names avoid JJava's own statically imported {@code display(..)}, {@code render(..)} and
 * {@code updateDisplay(..)}, which these use. Outside a notebook everything still works: values are printed as
 * text, progress goes to the console.
 */
public final class Notebook {

    private Notebook() {}

    /** True when this runs inside a notebook cell (a JJava kernel is running and the cell's output is attached). */
    public static boolean inNotebook() {
        return Kernel.attached();
    }

    /**
     * Shows a value now, as its own output, rather than only as the cell's last expression, the way the kernel
     * shows it (charts as images, tables as HTML, ...). Outside a notebook its text form is printed.
     */
    public static void show(Object value) {
        if (Kernel.display(value) == null) {
            System.out.println(text(value));
        }
    }

    /** Shows an HTML fragment (printed as it is outside a notebook). */
    public static void showHtml(String html) {
        show(new Html(html, html));
    }

    /** A training listener that shows one progress line, updated in place. */
    public static ProgressDisplay progress() {
        return new ProgressDisplay();
    }

    /** A training listener that shows one progress line and, if {@code liveChart}, a loss chart updated in place. */
    public static ProgressDisplay progress(boolean liveChart) {
        return liveChart ? new ProgressDisplay().withLiveChart() : new ProgressDisplay();
    }

    /** The text form of a value, as a notebook's text/plain view shows it. */
    static String text(Object value) {
        if (value instanceof Chart<?, ?> chart) {
            return describe(chart);
        }
        return value instanceof Table table ? table.print(Tables.DEFAULT_MAX_ROWS) : String.valueOf(value);
    }

    /** The text form of a chart, e.g. {@code XYChart "Training loss" (3 series, 640x400)}. */
    static String describe(Chart<?, ?> chart) {
        String title = chart.getTitle() == null || chart.getTitle().isBlank() ? "" : " \"" + chart.getTitle() + "\"";
        return String.format("%s%s (%d series, %dx%d)", chart.getClass().getSimpleName(), title,
                chart.getSeriesMap().size(), chart.getWidth(), chart.getHeight());
    }
}
