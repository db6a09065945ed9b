package microgpt.notebook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import microgpt.autograd.GradientCheckReport;
import microgpt.train.TrainingHistory;
import microgpt.viz.Charts;
import microgpt.viz.Images;
import microgpt.viz.Tables;

import org.knowm.xchart.internal.chartpart.Chart;

import tech.tablesaw.api.Table;

/**
 * How the course's values look in a notebook, as {@link MimeBundle}s: XChart charts as 2x PNG (and SVG when
 * {@link #setSvgCharts(boolean) switched on}), Tablesaw tables and gradient-check reports as HTML, training
 * histories as their loss curve; every bundle also has a text/plain view. {@link MicrogptExtension} hands these
 * bundles to the kernel, {@link Notebook#show(Object)} displays them mid-cell; neither needs anything else.
 */
public final class Renderers {

    private static volatile boolean svgCharts;

    private Renderers() {}

    /** When true, charts also carry an SVG version, which Jupyter front ends prefer over the PNG. Default false. */
    public static void setSvgCharts(boolean on) {
        svgCharts = on && Images.svgAvailable();
    }

    /** True when charts are also rendered as SVG. */
    public static boolean svgCharts() {
        return svgCharts;
    }

    /** True for the kinds of values this class renders. */
    public static boolean supports(Object value) {
        return value instanceof Chart<?, ?> || value instanceof Table || value instanceof GradientCheckReport
                || value instanceof TrainingHistory;
    }

    /** The full bundle for {@code value}, or null when {@link #supports(Object) unsupported}. */
    public static MimeBundle render(Object value) {
        return render(value, type -> true);
    }

    /** The bundle for {@code value} with only the MIME types that {@code wanted} accepts (text/plain always). */
    public static MimeBundle render(Object value, Predicate<String> wanted) {
        if (value instanceof Chart<?, ?> chart) {
            return chart(chart, wanted);
        }
        if (value instanceof Table table) {
            return table(table, wanted);
        }
        if (value instanceof GradientCheckReport report) {
            return gradientCheck(report, wanted);
        }
        if (value instanceof TrainingHistory history) {
            return history(history, wanted);
        }
        return null;
    }

    static MimeBundle chart(Chart<?, ?> chart, Predicate<String> wanted) {
        Map<String, String> data = new LinkedHashMap<>();
        Map<String, Map<String, Object>> metadata = new LinkedHashMap<>();
        if (wanted.test(MimeBundle.IMAGE_PNG)) {
            data.put(MimeBundle.IMAGE_PNG, Images.toPngBase64(chart));
            // the image has 2x the pixels; showing it at the chart's own size makes it sharp on dense screens
            metadata.put(MimeBundle.IMAGE_PNG, Map.of("width", chart.getWidth(), "height", chart.getHeight()));
        }
        if ((svgCharts || !wanted.test(MimeBundle.IMAGE_PNG)) && wanted.test(MimeBundle.IMAGE_SVG)
                && Images.svgAvailable()) {
            data.put(MimeBundle.IMAGE_SVG, Images.toSvg(chart));
        }
        data.put(MimeBundle.TEXT_PLAIN, describe(chart));
        return new MimeBundle(data, metadata);
    }

    static MimeBundle table(Table table, Predicate<String> wanted) {
        Map<String, String> data = new LinkedHashMap<>();
        if (wanted.test(MimeBundle.TEXT_HTML)) {
            data.put(MimeBundle.TEXT_HTML, Tables.toHtml(table));
        }
        data.put(MimeBundle.TEXT_PLAIN, Tables.toText(table));
        return new MimeBundle(data, Map.of());
    }

    static MimeBundle gradientCheck(GradientCheckReport report, Predicate<String> wanted) {
        Map<String, String> data = new LinkedHashMap<>();
        if (wanted.test(MimeBundle.TEXT_HTML)) {
            data.put(MimeBundle.TEXT_HTML, Tables.toHtml(report));
        }
        data.put(MimeBundle.TEXT_PLAIN, report.toString());
        return new MimeBundle(data, Map.of());
    }

    static MimeBundle history(TrainingHistory history, Predicate<String> wanted) {
        MimeBundle chart = chart(Charts.lossCurve(history), wanted);
        Map<String, String> data = new LinkedHashMap<>(chart.data());
        data.put(MimeBundle.TEXT_PLAIN, history.toString());
        return new MimeBundle(data, chart.metadata());
    }

    /** The text/plain view of a chart, e.g. {@code XYChart "Training loss" (3 series, 640x400)}. */
    static String describe(Chart<?, ?> chart) {
        int series = chart.getSeriesMap().size();
        String title = chart.getTitle() == null || chart.getTitle().isBlank() ? "" : " \"" + chart.getTitle() + "\"";
        return String.format("%s%s (%d series, %dx%d)", chart.getClass().getSimpleName(), title, series,
                chart.getWidth(), chart.getHeight());
    }
}
