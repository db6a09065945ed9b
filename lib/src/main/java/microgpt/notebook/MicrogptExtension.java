package microgpt.notebook;

import java.util.Map;

import microgpt.autograd.GradientCheckReport;
import microgpt.train.TrainingHistory;
import microgpt.viz.Charts;
import microgpt.viz.Images;
import microgpt.viz.Tables;
import microgpt.widgets.Comms;
import microgpt.widgets.Widget;
import microgpt.widgets.WidgetRendering;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.internal.chartpart.Chart;

import tech.tablesaw.api.Table;

/**
 * Teaches the JJava kernel how to show the course's values, as a cell's last expression or through JJava's
 * {@code display(..)}: any XChart chart as a 2x {@code image/png} shown at the chart's size; a Tablesaw
 * {@link Table} as HTML (at most 20 rows) and Tablesaw's printed text; a {@link GradientCheckReport} as an HTML
 * table, failures first; a {@link TrainingHistory} as its loss curve; an {@link Html} fragment as itself; a
 * {@link Widget} as a live widget view (opened on the front end first) plus its static HTML fallback.
 *
 * <p>JJava finds the extension with {@link java.util.ServiceLoader} through
 * {@code META-INF/services/org.dflib.jjava.jupyter.Extension} when {@code %classpath} (or {@code %maven}) adds the
 * jar: no opt-in, installed once per kernel. Its class loader's parent is JShell's, so the classes registered here
 * are the very classes the cells use; that is also why JJava stays a {@code provided} dependency, never bundled.
 * On install it also imports {@code microgpt.viz.*} and {@code Notebook}'s statics into the notebook.
 */
public final class MicrogptExtension implements Extension {

    static final String IMPORTS = "import microgpt.viz.*;\nimport static microgpt.notebook.Notebook.*;\n";

    @Override
    @SuppressWarnings({"deprecation", "removal"})
    public void install(BaseKernel kernel) {
        Tables.quietLogging();
        registerRenderers(kernel.getRenderer());
        try {
            kernel.eval(IMPORTS); // deprecated in 1.0-a8 but present in a6 and a8; a convenience only
        } catch (RuntimeException | LinkageError e) {
            // imports are a nicety: the cells can write them themselves
        }
    }

    /** Registers the renderers on a JJava {@link Renderer}; public so that it can be tested without a kernel. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static void registerRenderers(Renderer renderer) {
        renderer.createRegistration((Class) Chart.class).preferring(MIMEType.IMAGE_PNG).supporting(MIMEType.TEXT_PLAIN)
                .register((chart, context) -> chart((Chart<?, ?>) chart, Notebook.describe((Chart<?, ?>) chart), context));
        renderer.createRegistration(TrainingHistory.class).preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((history, context) -> chart(Charts.lossCurve(history), history.toString(), context));
        renderer.createRegistration(Table.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN)
                .register((table, context) -> html(Tables.toHtml(table), table.print(Tables.DEFAULT_MAX_ROWS), context));
        renderer.createRegistration(GradientCheckReport.class).preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((report, context) -> html(Tables.toHtml(report), report.toString(), context));
        renderer.createRegistration(Html.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN)
                .register((fragment, context) -> html(fragment.html(), fragment.text(), context));
        renderer.createRegistration(Widget.class).preferring(WidgetRendering.VIEW, MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((widget, context) -> WidgetRendering.render(widget, Comms.kernel(), context));
    }

    /** The 2x PNG, shown at the chart's own size so that it is sharp on dense screens; drawn only when asked for. */
    private static void chart(Chart<?, ?> chart, String text, RenderContext context) {
        context.renderIfRequested(MIMEType.IMAGE_PNG, (type, out) -> {
            out.putData(type, Images.toPngBase64(chart));
            out.putMetaData(type, Map.of("width", chart.getWidth(), "height", chart.getHeight()));
        });
        context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> text);
    }

    private static void html(String html, String text, RenderContext context) {
        context.renderIfRequested(MIMEType.TEXT_HTML, () -> html);
        context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> text);
    }
}
