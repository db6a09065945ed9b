package microgpt.viz;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import microgpt.autograd.GradientCheckReport;
import microgpt.train.ModelTable;
import microgpt.train.StepResult;
import microgpt.train.TrainingHistory;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Tablesaw tables of the course's results, and a compact HTML rendering of any table for the notebooks. Text
 * goes through Tablesaw's own printer ({@link Table#print()}); both use each column's print formatter, which the
 * tables made here set to a fixed number of decimals.
 *
 * <p>The HTML uses inline styles only, with colours that are inherited or half-transparent, so a table reads well
 * in JupyterLab's light and dark themes alike and survives the sanitising of untrusted notebooks.
 */
public final class Tables {

    /** How many rows {@link #toHtml(Table)} shows before "… n more rows". */
    public static final int DEFAULT_MAX_ROWS = 20;

    private static final String CELL = "padding:3px 12px;border:none;background:transparent;";

    static {
        quietLogging();
    }

    private Tables() {}

    /**
     * Tablesaw logs through SLF4J, and with no SLF4J backend SLF4J prints three "No SLF4J providers were found"
     * lines into the first notebook cell that touches a table; this raises SLF4J's own reporting threshold to
     * errors, unless someone set it already.
     */
    public static void quietLogging() {
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
    }

    // ---- tables of results ----------------------------------------------------------------------------------------

    /** One row per checked parameter: parameter, analytical, numerical, relative_error, passed. */
    public static Table of(GradientCheckReport report) {
        List<GradientCheckReport.Entry> entries = report.entries();
        return Table.create("gradient check",
                StringColumn.create("parameter", entries.stream().map(GradientCheckReport.Entry::name)),
                decimals(DoubleColumn.create("analytical",
                        entries.stream().mapToDouble(GradientCheckReport.Entry::analytical)), 8),
                decimals(DoubleColumn.create("numerical",
                        entries.stream().mapToDouble(GradientCheckReport.Entry::numerical)), 8),
                scientific(DoubleColumn.create("relative_error",
                        entries.stream().mapToDouble(GradientCheckReport.Entry::relativeError))),
                BooleanColumn.create("passed", entries.stream().map(report::passed).toList()));
    }

    /** One row per training step: step, loss, learning_rate, ms. */
    public static Table of(TrainingHistory history) {
        List<StepResult> steps = history.steps();
        return Table.create("training history",
                IntColumn.create("step", steps.stream().mapToInt(StepResult::step).toArray()),
                decimals(DoubleColumn.create("loss", steps.stream().mapToDouble(StepResult::loss)), 4),
                scientific(DoubleColumn.create("learning_rate", steps.stream().mapToDouble(StepResult::learningRate))),
                decimals(DoubleColumn.create("ms", steps.stream().mapToDouble(s -> s.nanos() / 1e6)), 3));
    }

    /** One row per validation-loss evaluation: step, validation_loss. */
    public static Table evaluations(TrainingHistory history) {
        List<TrainingHistory.Evaluation> evaluations = history.evaluations();
        return Table.create("validation",
                IntColumn.create("step", evaluations.stream().mapToInt(TrainingHistory.Evaluation::step).toArray()),
                decimals(DoubleColumn.create("validation_loss",
                        evaluations.stream().mapToDouble(TrainingHistory.Evaluation::loss)), 4));
    }

    /** The course's table of models: model, parameters, validation_loss, one row per model in the order added. */
    public static Table of(ModelTable models) {
        List<ModelTable.Row> rows = models.rows();
        LongColumn parameters = LongColumn.create("parameters", rows.stream().mapToLong(ModelTable.Row::parameters));
        parameters.setPrintFormatter(new NumberColumnFormatter(
                new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT))));
        return Table.create("models",
                StringColumn.create("model", rows.stream().map(ModelTable.Row::model)),
                parameters,
                decimals(DoubleColumn.create("validation_loss",
                        rows.stream().mapToDouble(ModelTable.Row::validationLoss)), 4));
    }

    private static DoubleColumn decimals(DoubleColumn column, int places) {
        return formatted(column, "#,##0." + "0".repeat(places));
    }

    private static DoubleColumn scientific(DoubleColumn column) {
        return formatted(column, "0.0E0");
    }

    /** A fixed pattern with the decimal point whatever the machine's locale, so tables print the same everywhere. */
    private static DoubleColumn formatted(DoubleColumn column, String pattern) {
        column.setPrintFormatter(new NumberColumnFormatter(
                new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT))));
        return column;
    }

    // ---- HTML -----------------------------------------------------------------------------------------------------

    /** The table as an HTML fragment, showing at most {@link #DEFAULT_MAX_ROWS} rows. */
    public static String toHtml(Table table) {
        return toHtml(table, DEFAULT_MAX_ROWS);
    }

    /** The table as an HTML fragment, showing at most {@code maxRows} rows and then a line "… n more rows". */
    public static String toHtml(Table table, int maxRows) {
        int shown = Math.max(0, Math.min(maxRows, table.rowCount()));
        List<Column<?>> columns = table.columns();
        StringBuilder html = new StringBuilder("<table style=\"border-collapse:collapse;border:none;margin:0.3em 0;"
                + "font-size:13px;font-variant-numeric:tabular-nums;color:inherit;background:transparent\">");
        if (table.name() != null && !table.name().isBlank()) {
            html.append("<caption style=\"caption-side:top;text-align:left;font-weight:600;padding:0 0 4px 2px\">")
                    .append(escape(table.name())).append("</caption>");
        }
        html.append("<thead><tr>");
        for (Column<?> column : columns) {
            html.append("<th style=\"").append(CELL).append(align(column))
                    .append("font-weight:600;border-bottom:1.5px solid rgba(128,128,128,0.35)\">")
                    .append(escape(column.name())).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        for (int r = 0; r < shown; r++) {
            html.append("<tr>");
            for (Column<?> column : columns) {
                html.append("<td style=\"").append(CELL).append(align(column))
                        .append("border-bottom:1px solid rgba(128,128,128,0.18)\">")
                        .append(escape(column.getString(r))).append("</td>");
            }
            html.append("</tr>");
        }
        int hidden = table.rowCount() - shown;
        if (hidden > 0) {
            html.append("<tr><td colspan=\"").append(Math.max(1, columns.size())).append("\" style=\"").append(CELL)
                    .append("font-style:italic;opacity:0.7\">… ").append(hidden)
                    .append(hidden == 1 ? " more row" : " more rows").append("</td></tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    private static String align(Column<?> column) {
        return column instanceof NumberColumn<?, ?> ? "text-align:right;white-space:nowrap;" : "text-align:left;";
    }

    /** A gradient-check report as HTML: a one-line verdict, then one row per parameter, failures first. */
    public static String toHtml(GradientCheckReport report) {
        return toHtml(report, 50);
    }

    /** Like {@link #toHtml(GradientCheckReport)}, showing at most {@code maxRows} parameters. */
    public static String toHtml(GradientCheckReport report, int maxRows) {
        List<GradientCheckReport.Entry> entries = new ArrayList<>(report.entries());
        entries.sort(Comparator.comparing(report::passed)); // failures first, otherwise in order
        long failures = entries.stream().filter(e -> !report.passed(e)).count();
        Table table = of(new GradientCheckReport(entries, report.tolerance()));
        table.replaceColumn("passed", StringColumn.create("verdict",
                entries.stream().map(e -> report.passed(e) ? "✓ pass" : "✗ fail")));
        table.setName(String.format(Locale.ROOT, "%s: %d parameters, %d above the tolerance %.1e; largest relative "
                + "error %.1e", report.passed() ? "✓ Gradient check passed" : "✗ Gradient check failed",
                entries.size(), failures, report.tolerance(), report.maxRelativeError()));
        return toHtml(table, maxRows);
    }

    /** Escapes text for HTML element content and attribute values. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
