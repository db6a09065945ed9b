package microgpt.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import com.google.gson.Gson;
import com.google.gson.JsonObject;

import microgpt.viz.Charts;
import microgpt.viz.Samples;
import microgpt.viz.Tables;
import microgpt.widgets.WidgetRendering;
import microgpt.widgets.Comms;
import microgpt.widgets.LivePanel;
import microgpt.widgets.Slider;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.RenderRequestTypes;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.PieChart;
import org.knowm.xchart.PieChartBuilder;

/** Drives the extension's renderers through JJava's own {@link Renderer}, as the kernel does, without a kernel. */
class MicrogptExtensionTest {

    private Renderer renderer;

    @BeforeEach
    void setUp() {
        renderer = new Renderer();
        MicrogptExtension.registerRenderers(renderer);
    }

    private static JsonObject json(DisplayData data) {
        return new Gson().toJsonTree(data).getAsJsonObject();
    }

    private static BufferedImage png(DisplayData data) throws IOException {
        String base64 = (String) data.getData(MIMEType.IMAGE_PNG);
        assertNotNull(base64, "no image/png in " + json(data));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
        assertNotNull(image);
        return image;
    }

    @Test
    void isListedForTheServiceLoader() {
        List<String> found = ServiceLoader.load(Extension.class).stream()
                .map(p -> p.type().getName()).collect(Collectors.toList());
        assertTrue(found.contains(MicrogptExtension.class.getName()), found.toString());
    }

    @Test
    void chartsBecome2xPngShownAtChartSize() throws IOException {
        DisplayData data = renderer.render(Charts.lossCurve(Samples.history(100, 50)));
        BufferedImage image = png(data);
        assertEquals(1280, image.getWidth());
        assertEquals(800, image.getHeight());
        JsonObject metadata = json(data).getAsJsonObject("metadata").getAsJsonObject("image/png");
        assertEquals(640, metadata.get("width").getAsInt());
        assertEquals(400, metadata.get("height").getAsInt());
        assertTrue(((String) data.getData(MIMEType.TEXT_PLAIN)).startsWith("XYChart \"Training loss\""));
    }

    @Test
    void everyKindOfChartIsAnImage() throws IOException {
        PieChart pie = new PieChartBuilder().width(300).height(200).build();
        pie.addSeries("a", 1);
        pie.addSeries("b", 2);
        for (Object chart : List.of(Charts.bar("b", "x", "y", Map.of("a", 1)),
                Charts.heatmap(Samples.attention(4), null, null, "h"), Charts.gradientCheck(Samples.report()), pie)) {
            DisplayData data = renderer.render(chart);
            assertTrue(png(data).getWidth() > 0, chart.getClass().getSimpleName());
        }
        assertEquals(600, png(renderer.render(pie)).getWidth(), "2x of 300");
    }

    @Test
    void tablesBecomeHtmlWithTextFallback() {
        DisplayData data = renderer.render(Tables.of(Samples.history(30, 0)));
        String html = (String) data.getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains(">loss</th>"));
        assertTrue(html.contains("… 10 more rows"));
        assertEquals(Tables.of(Samples.history(30, 0)).print(Tables.DEFAULT_MAX_ROWS), data.getData(MIMEType.TEXT_PLAIN), "Tablesaw's own print");
        assertFalse(data.hasDataForType(MIMEType.IMAGE_PNG));
    }

    @Test
    void gradientCheckReportsBecomeHtml() {
        var report = Samples.report();
        DisplayData data = renderer.render(report);
        assertTrue(((String) data.getData(MIMEType.TEXT_HTML)).contains("✗ fail"));
        assertEquals(report.toString(), data.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void trainingHistoriesBecomeTheirLossCurve() throws IOException {
        var history = Samples.history(200, 50);
        DisplayData data = renderer.render(history);
        assertEquals(1280, png(data).getWidth());
        assertEquals(history.toString(), data.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void htmlFragmentsAreHtmlWithTheirText() {
        DisplayData data = renderer.render(new Html("<b>3</b>", "3"));
        assertEquals("<b>3</b>", data.getData(MIMEType.TEXT_HTML));
        assertEquals("3", data.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void onlyWhatIsAskedForIsDrawn() {
        DisplayData data = renderer.renderAs(Charts.line("t", "x", "y", new double[] {1, 2}), "text/plain");
        assertFalse(data.hasDataForType(MIMEType.IMAGE_PNG));
        assertEquals("XYChart \"t\" (1 series, 640x400)", data.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void otherValuesAreLeftToTheKernel() {
        DisplayData data = renderer.render(List.of(1, 2));
        assertEquals("[1, 2]", data.getData(MIMEType.TEXT_PLAIN));
        assertFalse(data.hasDataForType(MIMEType.IMAGE_PNG));
    }

    @Test
    void aWidgetWithoutAKernelIsItsFallbackHtmlAndText() {
        LivePanel panel = LivePanel.of(() -> "<p>kamon</p>", Slider.decimal("temperature", 0.1, 2, 0.05, 0.5));
        DisplayData data = renderer.render(panel);
        assertEquals(null, data.getData(WidgetRendering.VIEW), "no kernel: no view to show");
        assertTrue(((String) data.getData(MIMEType.TEXT_HTML)).contains("live controls need a running Java kernel"));
        assertTrue(((String) data.getData(MIMEType.TEXT_PLAIN)).startsWith("LivePanel: temperature = 0.50"));
    }

    @Test
    void aWidgetWithAFrontEndIsItsViewPlusTheFallback() {
        List<Map<String, Object>> opened = new java.util.ArrayList<>();
        Comms frontEnd = new Comms() {
            @Override
            public String open(Map<String, Object> data, java.util.function.Consumer<Map<String, Object>> onMessage) {
                opened.add(data);
                return "m" + opened.size();
            }

            @Override
            public void send(String commId, Map<String, Object> data) {}
        };
        LivePanel panel = LivePanel.of(() -> "<p>kamon</p>", Slider.decimal("temperature", 0.1, 2, 0.05, 0.5));
        DisplayData data = new DisplayData();
        RenderRequestTypes wanted = new RenderRequestTypes.Builder(suffix -> null).withType(WidgetRendering.VIEW)
                .withType(MIMEType.TEXT_HTML).withType(MIMEType.TEXT_PLAIN).build();
        WidgetRendering.render(panel, frontEnd, new RenderContext(wanted, renderer, Map.of(), data));

        JsonObject view = json(data).getAsJsonObject("data").getAsJsonObject("application/vnd.jupyter.widget-view+json");
        assertNotNull(view, json(data).toString());
        assertEquals(panel.id(), view.get("model_id").getAsString());
        assertEquals(2, view.get("version_major").getAsInt());
        assertEquals(0, view.get("version_minor").getAsInt());
        assertEquals("m" + opened.size(), panel.id(), "the panel opens last, after every widget it refers to");
        assertTrue(((String) data.getData(MIMEType.TEXT_HTML)).startsWith("<p>kamon</p>"));
    }
}
