package microgpt.notebook;

import java.util.function.Predicate;

import microgpt.autograd.GradientCheckReport;
import microgpt.train.TrainingHistory;
import microgpt.viz.Tables;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.internal.chartpart.Chart;

import tech.tablesaw.api.Table;

/**
 * Teaches the JJava kernel how to show the course's values when they are the last expression of a cell:
 *
 * <ul>
 *   <li>any XChart chart ({@code XYChart}, {@code CategoryChart}, {@code HeatMapChart}, {@code PieChart}, ...):
 *       {@code image/png} drawn at 2x and shown at the chart's size (plus {@code image/svg+xml} after
 *       {@code Notebook.useSvgCharts(true)}), with a one-line {@code text/plain};</li>
 *   <li>a Tablesaw {@link Table}: {@code text/html} (at most 20 rows) and aligned {@code text/plain};</li>
 *   <li>a {@link GradientCheckReport}: an HTML table with failures highlighted, and its {@code toString()};</li>
 *   <li>a {@link TrainingHistory}: its loss curve as {@code image/png}, and a one-line summary.</li>
 * </ul>
 *
 * <h2>How JJava 1.0a8 loads it</h2>
 *
 * The class is listed in {@code META-INF/services/org.dflib.jjava.jupyter.Extension} inside the microgpt jar.
 * JJava finds extensions with {@link java.util.ServiceLoader}, automatically, with no opt-in and no {@code %load}:
 * <ul>
 *   <li>{@code %classpath path/to/microgpt.jar} and {@code %maven group:artifact:version} both end in
 *       {@code JavaKernel.addToClasspath(..)}, which adds the jars to JShell's class path and then calls
 *       {@code installExtensions(classpath)}: a {@code URLClassLoader} over just those jars, whose parent is the
 *       JShell class loader, is searched with {@code ServiceLoader.load(Extension.class, ..)} and every extension
 *       found is installed once per kernel (a second {@code %classpath} of the same jar does nothing);</li>
 *   <li>jars named in the {@code JJAVA_CLASSPATH} environment variable go through the same call at kernel
 *       start-up; extensions on the kernel's own class path are installed by {@code onStartup()};</li>
 *   <li>{@code JJAVA_LOAD_EXTENSIONS=0} (or {@code false}) turns all of this off; then cells still work, charts
 *       just print as text unless shown with {@code Notebook.show(..)}, which does not need the extension.</li>
 * </ul>
 * ({@code %load} is unrelated: it runs a Java source file or another notebook.) Because the parent of the
 * extension's class loader is the JShell class loader, the classes registered here (XChart's {@code Chart}, Tablesaw's
 * {@code Table}, ...) are the very classes the cells use, so the renderer's type lookup matches. That is also why
 * JJava must not be bundled into the microgpt jar: it stays a {@code provided} dependency.
 *
 * <p>On install the extension also runs {@code import microgpt.viz.*; import static microgpt.notebook.Notebook.*;}
 * in the notebook, so {@code Charts}, {@code Tables} and {@code show(..)} are at hand.
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
        renderer.createRegistration((Class) Chart.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.IMAGE_SVG, MIMEType.TEXT_PLAIN)
                .register((value, context) -> fill(value, context));
        renderer.createRegistration(TrainingHistory.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.IMAGE_SVG, MIMEType.TEXT_PLAIN)
                .register(MicrogptExtension::fill);
        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register(MicrogptExtension::fill);
        renderer.createRegistration(GradientCheckReport.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register(MicrogptExtension::fill);
    }

    /** Renders only what the kernel asked for (plus SVG when switched on), and copies it into the output. */
    private static void fill(Object value, RenderContext context) {
        Predicate<String> wanted = type -> context.wantsDataRenderedAs(MIMEType.parse(type));
        MimeBundle bundle = Renderers.render(value, wanted);
        if (bundle == null) {
            return;
        }
        DisplayData out = context.getOutputContainer();
        bundle.data().forEach(out::putData);
        bundle.metadata().forEach(out::putMetaData);
    }
}
