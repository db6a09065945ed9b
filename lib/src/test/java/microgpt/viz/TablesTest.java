package microgpt.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import microgpt.autograd.GradientCheckReport;
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
    void doublesShareDecimalsPerColumn() {
        String html = Tables.toHtml(people(3));
        assertTrue(html.contains(">0.500<"), html);
        assertTrue(html.contains(">0.833<"));
        assertTrue(html.contains(">1.167<"));
        Table tiny = Table.create("t", DoubleColumn.create("err", 3e-9, 0.5));
        assertTrue(Tables.toHtml(tiny).contains(">3.000e-09<"), "tiny values switch to scientific notation");
        Table missing = Table.create("t", DoubleColumn.create("x", 1.5, Double.NaN));
        assertTrue(Tables.toHtml(missing).contains("\"></td>"), "missing values are empty cells");
    }

    @Test
    void numbersAlignRightTextLeft() {
        String html = Tables.toHtml(people(2));
        assertTrue(html.contains("text-align:right;padding:4px 12px;font-weight:600;border:none;"));
        assertTrue(html.contains("<th style=\"text-align:left"));
    }

    @Test
    void textIsAligned() {
        String text = Tables.toText(people(25), 3);
        String[] lines = text.split("\n");
        assertEquals("people", lines[0]);
        assertEquals(lines[1].length(), lines[2].length(), text);
        assertTrue(text.endsWith("… 22 more rows\n"));
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
        assertEquals(1, count(html, "background:rgba(213, 94, 0"));
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
        Table summary = Tables.summary(history);
        assertEquals(1, summary.rowCount());
        assertEquals(50, summary.intColumn("steps").get(0));
        assertEquals(1, Tables.summary(new TrainingHistory()).rowCount());
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
