package microgpt.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import microgpt.autograd.GradientCheckReport;
import microgpt.train.StepResult;
import microgpt.train.TrainingHistory;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Tablesaw tables of the course's results, and a compact HTML rendering of any table for the notebooks.
 *
 * <p>The HTML uses inline styles only, with colours that are either inherited or half-transparent, so a table reads
 * well in JupyterLab's light and dark themes alike and survives the sanitising of untrusted notebooks.
 */
public final class Tables {

    /** How many rows {@link #toHtml(Table)} and {@link #toText(Table)} show before "… n more rows". */
    public static final int DEFAULT_MAX_ROWS = 20;

    private static final String PASS_COLOUR = "#009E73";
    private static final String FAIL_COLOUR = "#D55E00";
    private static final String FAIL_BACKGROUND = "rgba(213, 94, 0, 0.14)";
    private static final String RULE = "rgba(128, 128, 128, 0.35)";
    private static final String THIN_RULE = "rgba(128, 128, 128, 0.18)";

    static {
        quietLogging();
    }

    private Tables() {}

    /**
     * Tablesaw logs through SLF4J, and with no SLF4J backend on the class path SLF4J prints three "No SLF4J providers
     * were found" lines into the first notebook cell that touches a table. This raises SLF4J's own reporting
     * threshold to errors, unless someone set it already; it changes nothing else.
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
                DoubleColumn.create("analytical", entries.stream().mapToDouble(GradientCheckReport.Entry::analytical)),
                DoubleColumn.create("numerical", entries.stream().mapToDouble(GradientCheckReport.Entry::numerical)),
                DoubleColumn.create("relative_error",
                        entries.stream().mapToDouble(GradientCheckReport.Entry::relativeError)),
                BooleanColumn.create("passed", entries.stream().map(report::passed).toList()));
    }

    /** One row per training step: step, loss, learning_rate, ms. */
    public static Table of(TrainingHistory history) {
        List<StepResult> steps = history.steps();
        return Table.create("training history",
                IntColumn.create("step", steps.stream().mapToInt(StepResult::step).toArray()),
                DoubleColumn.create("loss", steps.stream().mapToDouble(StepResult::loss)),
                DoubleColumn.create("learning_rate", steps.stream().mapToDouble(StepResult::learningRate)),
                DoubleColumn.create("ms", steps.stream().mapToDouble(s -> s.nanos() / 1e6)));
    }

    /** One row per validation-loss evaluation: step, validation_loss. */
    public static Table evaluations(TrainingHistory history) {
        List<TrainingHistory.Evaluation> evaluations = history.evaluations();
        return Table.create("validation",
                IntColumn.create("step", evaluations.stream().mapToInt(TrainingHistory.Evaluation::step).toArray()),
                DoubleColumn.create("validation_loss",
                        evaluations.stream().mapToDouble(TrainingHistory.Evaluation::loss)));
    }

    /** A one-row summary: steps, mean loss of the last 100 steps, last validation loss, ms per step, seconds. */
    public static Table summary(TrainingHistory history) {
        List<TrainingHistory.Evaluation> evaluations = history.evaluations();
        double lastValidation = evaluations.isEmpty() ? Double.NaN : evaluations.get(evaluations.size() - 1).loss();
        return Table.create("training summary",
                IntColumn.create("steps", new int[] {history.size()}),
                DoubleColumn.create("loss_last_100", new double[] {history.meanLastLosses(100)}),
                DoubleColumn.create("validation_loss", new double[] {lastValidation}),
                DoubleColumn.create("ms_per_step", new double[] {history.msPerStep()}),
                DoubleColumn.create("seconds", new double[] {history.totalSeconds()}),
                BooleanColumn.create("interrupted", new boolean[] {history.interrupted()}));
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
        List<CellFormat> formats = new ArrayList<>();
        for (Column<?> column : columns) {
            formats.add(CellFormat.of(column, shown));
        }
        StringBuilder html = new StringBuilder(256 + 64 * shown * Math.max(1, columns.size()));
        openTable(html, table.name());
        html.append("<thead><tr>");
        for (int c = 0; c < columns.size(); c++) {
            header(html, columns.get(c).name(), formats.get(c).numeric);
        }
        html.append("</tr></thead><tbody>");
        for (int r = 0; r < shown; r++) {
            html.append("<tr>");
            for (int c = 0; c < columns.size(); c++) {
                cell(html, formats.get(c).format(r), formats.get(c).numeric, "");
            }
            html.append("</tr>");
        }
        moreRows(html, table.rowCount() - shown, columns.size());
        html.append("</tbody></table>");
        return html.toString();
    }

    /**
     * A gradient-check report as HTML: a one-line verdict, then one row per parameter, with the rows above the
     * tolerance tinted and marked "✗ fail" (the mark does not rely on colour alone).
     */
    public static String toHtml(GradientCheckReport report) {
        return toHtml(report, 50);
    }

    /** Like {@link #toHtml(GradientCheckReport)}, showing at most {@code maxRows} parameters (failures first). */
    public static String toHtml(GradientCheckReport report, int maxRows) {
        List<GradientCheckReport.Entry> entries = new ArrayList<>(report.entries());
        entries.sort((a, b) -> Boolean.compare(report.passed(a), report.passed(b))); // failures first, stable
        int shown = Math.max(0, Math.min(maxRows, entries.size()));
        long failures = report.entries().stream().filter(e -> !report.passed(e)).count();

        StringBuilder html = new StringBuilder(512 + 200 * shown);
        html.append("<div style=\"margin:0.4em 0 0.2em 0;font-weight:600;color:")
                .append(report.passed() ? PASS_COLOUR : FAIL_COLOUR).append("\">")
                .append(report.passed() ? "✓ Gradient check passed" : "✗ Gradient check failed")
                .append("</div><div style=\"margin-bottom:0.4em;opacity:0.8\">")
                .append(escape(String.format(Locale.ROOT,
                        "%d parameters, %d above the tolerance %s; largest relative error %s",
                        entries.size(), failures, scientific(report.tolerance()),
                        scientific(report.maxRelativeError()))))
                .append("</div>");
        openTable(html, "");
        html.append("<thead><tr>");
        header(html, "parameter", false);
        header(html, "analytical", true);
        header(html, "numerical", true);
        header(html, "relative error", true);
        header(html, "", false);
        html.append("</tr></thead><tbody>");
        for (GradientCheckReport.Entry e : entries.subList(0, shown)) {
            boolean pass = report.passed(e);
            html.append(pass ? "<tr>" : "<tr style=\"background:" + FAIL_BACKGROUND + "\">");
            cell(html, e.name(), false, "");
            cell(html, gradient(e.analytical()), true, "");
            cell(html, gradient(e.numerical()), true, "");
            cell(html, scientific(e.relativeError()), true, pass ? "" : "font-weight:600;");
            cell(html, pass ? "✓ pass" : "✗ fail", false, "color:" + (pass ? PASS_COLOUR : FAIL_COLOUR)
                    + ";" + (pass ? "" : "font-weight:600;"));
            html.append("</tr>");
        }
        moreRows(html, entries.size() - shown, 5);
        html.append("</tbody></table>");
        return html.toString();
    }

    private static void openTable(StringBuilder html, String caption) {
        html.append("<table style=\"border-collapse:collapse;border:none;margin:0.3em 0;font-size:13px;")
                .append("font-variant-numeric:tabular-nums;color:inherit;background:transparent\">");
        if (caption != null && !caption.isBlank()) {
            html.append("<caption style=\"caption-side:top;text-align:left;font-weight:600;padding:0 0 4px 2px;")
                    .append("color:inherit\">").append(escape(caption)).append("</caption>");
        }
    }

    private static void header(StringBuilder html, String name, boolean numeric) {
        html.append("<th style=\"text-align:").append(numeric ? "right" : "left")
                .append(";padding:4px 12px;font-weight:600;border:none;border-bottom:1.5px solid ").append(RULE)
                .append(";background:transparent;color:inherit\">").append(escape(name)).append("</th>");
    }

    private static void cell(StringBuilder html, String text, boolean numeric, String extraStyle) {
        html.append("<td style=\"text-align:").append(numeric ? "right" : "left")
                .append(";padding:3px 12px;border:none;border-bottom:1px solid ").append(THIN_RULE)
                .append(";background:transparent;").append(numeric ? "white-space:nowrap;" : "")
                .append(extraStyle).append("\">").append(escape(text)).append("</td>");
    }

    private static void moreRows(StringBuilder html, int hidden, int columns) {
        if (hidden > 0) {
            html.append("<tr><td colspan=\"").append(Math.max(1, columns))
                    .append("\" style=\"text-align:left;padding:4px 12px;border:none;font-style:italic;opacity:0.7;")
                    .append("background:transparent\">… ").append(hidden).append(hidden == 1 ? " more row" : " more rows")
                    .append("</td></tr>");
        }
    }

    // ---- text -----------------------------------------------------------------------------------------------------

    /** The table as aligned plain text, at most {@link #DEFAULT_MAX_ROWS} rows (the text/plain view in notebooks). */
    public static String toText(Table table) {
        return toText(table, DEFAULT_MAX_ROWS);
    }

    /** The table as aligned plain text, at most {@code maxRows} rows and then "… n more rows". */
    public static String toText(Table table, int maxRows) {
        int shown = Math.max(0, Math.min(maxRows, table.rowCount()));
        List<Column<?>> columns = table.columns();
        List<List<String>> cells = new ArrayList<>();
        int[] widths = new int[columns.size()];
        boolean[] numeric = new boolean[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            CellFormat format = CellFormat.of(columns.get(c), shown);
            numeric[c] = format.numeric;
            List<String> column = new ArrayList<>();
            column.add(columns.get(c).name());
            for (int r = 0; r < shown; r++) {
                column.add(format.format(r));
            }
            widths[c] = column.stream().mapToInt(String::length).max().orElse(0);
            cells.add(column);
        }
        StringBuilder text = new StringBuilder();
        if (table.name() != null && !table.name().isBlank()) {
            text.append(table.name()).append('\n');
        }
        for (int r = 0; r <= shown; r++) {
            for (int c = 0; c < columns.size(); c++) {
                String s = cells.get(c).get(r);
                String pad = " ".repeat(widths[c] - s.length());
                text.append(c == 0 ? "" : "  ").append(numeric[c] ? pad + s : s + pad);
            }
            text.append('\n');
        }
        if (table.rowCount() > shown) {
            int hidden = table.rowCount() - shown;
            text.append("… ").append(hidden).append(hidden == 1 ? " more row" : " more rows").append('\n');
        }
        return text.toString();
    }

    // ---- formatting -----------------------------------------------------------------------------------------------

    /** Escapes text for HTML element content and attribute values. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    /** A number in compact scientific notation, e.g. 3.2e-09; "NaN" and "∞" as such. */
    static String scientific(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        return String.format(Locale.ROOT, "%.1e", v);
    }

    private static String gradient(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.8f", v) : scientific(v);
    }

    /**
     * How one column's cells are written: integers as they are; doubles with one number of decimals for the whole
     * column (four significant digits of its largest value), or in scientific notation when the column mixes very
     * small and large magnitudes; missing values as an empty cell.
     */
    private record CellFormat(Column<?> column, boolean numeric, boolean exponent, int decimals) {

        static CellFormat of(Column<?> column, int rows) {
            if (!(column instanceof NumberColumn<?, ?> numbers)) {
                return new CellFormat(column, false, false, 0);
            }
            boolean integral = true;
            double maxAbs = 0;
            double minAbs = Double.POSITIVE_INFINITY;
            for (int r = 0; r < rows; r++) {
                if (numbers.isMissing(r)) {
                    continue;
                }
                double v = numbers.getDouble(r);
                if (!Double.isFinite(v)) {
                    continue;
                }
                double a = Math.abs(v);
                integral &= v == Math.rint(v) && a < 1e15;
                maxAbs = Math.max(maxAbs, a);
                if (a > 0) {
                    minAbs = Math.min(minAbs, a);
                }
            }
            if (integral) {
                return new CellFormat(column, true, false, 0);
            }
            boolean exponent = maxAbs >= 1e6 || (minAbs < 1e-3 && minAbs != Double.POSITIVE_INFINITY);
            int decimals = maxAbs == 0 ? 1 : Math.max(1, Math.min(8, 3 - (int) Math.floor(Math.log10(maxAbs))));
            return new CellFormat(column, true, exponent, decimals);
        }

        String format(int row) {
            if (column.isMissing(row)) {
                return "";
            }
            if (!numeric) {
                return column.getString(row);
            }
            double v = ((NumberColumn<?, ?>) column).getDouble(row);
            if (!Double.isFinite(v)) {
                return Tables.scientific(v);
            }
            if (decimals == 0 && !exponent) {
                return String.format(Locale.ROOT, "%d", (long) v);
            }
            return exponent ? String.format(Locale.ROOT, "%.3e", v) : String.format(Locale.ROOT, "%." + decimals + "f", v);
        }
    }
}
