package microgpt.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import microgpt.autograd.GradientCheckReport;
import microgpt.train.ModelTable;
import microgpt.train.TrainingHistory;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TablesTest {

    private static Table people(int rows) {
        int[] ids = new int[rows];
        double[] scores = new double[rows];
        String[] names = new String[rows];
        for (int i = 0; i < rows; i++) {
            ids[i] = i + 1;
            scores[i] = 0.5 + i / 3.0;
            names[i] = i == 0 ? "<script>alert('x')</script> & co" : "name" + i;
        }
        return Table.create("people", IntColumn.create("id", ids), StringColumn.create("name", names),
                DoubleColumn.create("score", scores));
    }

    @Test
    void htmlHasHeadersAndEscapedCells() {
        String html = Tables.toHtml(people(3));
        assertTrue(html.startsWith("<table"));
        assertTrue(html.contains(">id</th>"));
        assertTrue(html.contains(">name</th>"));
        assertTrue(html.contains(">score</th>"));
        assertTrue(html.contains(">people</caption>"));
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"));
        assertFalse(html.contains("<script>"));
        assertFalse(html.contains("more row"));
    }

    @Test
    void htmlLimitsRows() {
        String html = Tables.toHtml(people(30), 10);
        assertEquals(10 + 1 + 1, count(html, "<tr"), "10 rows, the header and the '… more rows' line");
        assertTrue(html.contains("… 20 more rows"));
        assertTrue(Tables.toHtml(people(21)).contains("… 1 more row<"));
    }

    @Test
    void ourTablesPrintFixedDecimalsWhateverTheLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            Table steps = Tables.of(Samples.history(3, 0));
            assertEquals("2.000", steps.column("ms").getString(0));
            assertEquals("6.7E-3", steps.column("learning_rate").getString(0), "0.01 * (1 - 1/3)");
            assertTrue(steps.column("loss").getString(0).matches("\\d\\.\\d{4}"), steps.column("loss").getString(0));
            String html = Tables.toHtml(Tables.of(Samples.report()));
            assertTrue(html.contains(">0.12500000<"), "gradients with 8 decimals");
            assertTrue(html.contains(">5.0E-2<"), "relative errors in scientific notation");
        } finally {
            java.util.Locale.setDefault(before);
        }
        Table missing = Table.create("t", DoubleColumn.create("x", 1.5, Double.NaN));
        assertTrue(Tables.toHtml(missing).contains("\"></td>"), "missing values are empty cells");
    }

    @Test
    void numbersAlignRightTextLeft() {
        String html = Tables.toHtml(people(2));
        assertTrue(html.contains("<th style=\"padding:3px 12px;border:none;background:transparent;text-align:right;"), html);
        assertTrue(html.contains("background:transparent;text-align:left;font-weight:600"));
    }

    @Test
    void textIsTablesawsOwnPrint() {
        String text = people(25).print(Tables.DEFAULT_MAX_ROWS);
        assertTrue(text.contains("people"), text);
        assertTrue(text.lines().anyMatch(line -> line.matches(" id +\\| +name +\\| +score +\\|")), text);
        assertTrue(text.contains("...") && !text.contains("name12 "), "the middle of a long table is cut: " + text);
    }

    @Test
    void gradientCheckTable() {
        GradientCheckReport report = Samples.report();
        Table table = Tables.of(report);
        assertEquals(List.of("parameter", "analytical", "numerical", "relative_error", "passed"), table.columnNames());
        assertEquals(5, table.rowCount());
        assertEquals("false", table.column("passed").getString(2));
    }

    @Test
    void gradientCheckHtmlHighlightsFailures() {
        String html = Tables.toHtml(Samples.report());
        assertTrue(html.contains("✗ Gradient check failed"));
        assertTrue(html.contains("1 above the tolerance 1.0e-06"));
        assertTrue(html.contains("attn&lt;wq&gt;[3][1]"), "names are escaped");
        assertTrue(html.indexOf("attn&lt;wq&gt;") < html.indexOf("wte[0][0]"), "failures come first");
        assertEquals(1, count(html, "✗ fail<"));
        assertEquals(4, count(html, "✓ pass<"));
        String passed = Tables.toHtml(new GradientCheckReport(List.of(
                new GradientCheckReport.Entry("w", 1, 1, 0)), 1e-6));
        assertTrue(passed.contains("✓ Gradient check passed"));
    }

    @Test
    void historyTables() {
        TrainingHistory history = Samples.history(50, 10);
        Table steps = Tables.of(history);
        assertEquals(List.of("step", "loss", "learning_rate", "ms"), steps.columnNames());
        assertEquals(50, steps.rowCount());
        assertEquals(2.0, steps.doubleColumn("ms").get(0));
        assertEquals(5, Tables.evaluations(history).rowCount());
        assertEquals(List.of(10, 20, 30, 40, 50), Tables.evaluations(history).intColumn("step").asList());
    }

    @Test
    void theTableOfModels() {
        ModelTable models = new ModelTable()
                .add(new ModelTable.Row("uniform guess (ln 27)", 0, Math.log(27)))
                .add(new ModelTable.Row("bigram (counted pairs)", 729, 2.4567891))
                .add(new ModelTable.Row("reference GPT", 4192, 2.25));
        Table table = Tables.of(models);
        assertEquals("models", table.name());
        assertEquals(List.of("model", "parameters", "validation_loss"), table.columnNames());
        assertEquals(List.of("uniform guess (ln 27)", "bigram (counted pairs)", "reference GPT"),
                table.stringColumn("model").asList(), "in the order added");
        assertEquals(4192L, table.longColumn("parameters").get(2));
        assertEquals(2.4567891, table.doubleColumn("validation_loss").get(1));
        assertEquals("3.2958", table.column("validation_loss").getString(0), "printed with four decimals");
        assertEquals("4,192", table.column("parameters").getString(2));
        String html = Tables.toHtml(table);
        assertTrue(html.contains(">bigram (counted pairs)<") && html.contains(">2.4568<"), html);
        assertEquals(0, Tables.of(new ModelTable()).rowCount());
    }

    @Test
    void escape() {
        assertEquals("a&lt;b&gt;&amp;&quot;&#39;", Tables.escape("a<b>&\"'"));
        assertEquals("", Tables.escape(null));
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
