package microgpt.widgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import microgpt.viz.Charts;
import microgpt.viz.Samples;

import org.junit.jupiter.api.Test;

class HtmlChartsTest {

    @Test
    void columnsAreAsTallAsTheirValuesWithTheTallestFull() {
        String html = HtmlCharts.columns("next letter", List.of("a", "b", "<"), new double[] {0.6, 0.3, 0.1});
        Matcher heights = Pattern.compile("height:(\\d+)px").matcher(html);
        int[] expected = {90, 45, 15};
        for (int h : expected) {
            assertTrue(heights.find(), html);
            assertEquals(h, Integer.parseInt(heights.group(1)));
        }
        assertTrue(html.contains("&lt;"), "labels are escaped");
        assertTrue(html.contains(">0.60<"), html);
    }

    @Test
    void columnsRefuseMismatchedOrNegativeValues() {
        assertThrows(IllegalArgumentException.class, () -> HtmlCharts.columns("", List.of("a"), new double[] {0.1, 0.2}));
        assertThrows(IllegalArgumentException.class, () -> HtmlCharts.columns("", List.of("a"), new double[] {-1}));
    }

    @Test
    void weightsShadeEachCellByItsWeight() {
        String html = HtmlCharts.weights("head 0", List.of("k"), List.of("BOS", "k"), new double[][] {{0.25, 0.75}});
        assertTrue(html.contains(HtmlCharts.BLUE + "0.213)\">0.25<"), html);
        assertTrue(html.contains(HtmlCharts.BLUE + "0.638)\">0.75<"), html);
    }

    @Test
    void aChartIsAnImageAtItsOwnSize() {
        String html = HtmlCharts.image(Charts.lossCurve(Samples.history(50, 10)));
        assertTrue(html.startsWith("<img alt=\"Training loss\" width=\"640\" height=\"400\" src=\"data:image/png;base64,iVBOR"), html.substring(0, 120));
    }
}
