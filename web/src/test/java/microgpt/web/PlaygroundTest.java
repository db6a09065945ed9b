package microgpt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The API the page's worker calls, on the JVM: the same Java that TeaVM compiles. The browser test
 * (tests/browser/playground.mjs) checks the compiled module against the CLI.
 */
class PlaygroundTest {

    private static String names() throws IOException {
        try (InputStream in = PlaygroundTest.class.getResourceAsStream("/microgpt/names.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theReferenceRunStepByStepGivesTheReferenceNumbers() throws IOException {
        assertEquals("{\"docs\":32033,\"vocab\":27,\"params\":4192,\"steps\":1000}",
                Playground.create(names(), 42, 1, 16, 4, 16, 1000, 0.01));
        List<Double> losses = new ArrayList<>();
        while (Playground.remaining() > 0) {
            losses.add(Playground.step());
        }
        assertEquals(1000, losses.size());
        assertTrue(Double.isNaN(Playground.step()), "a step after the last is NaN, not an exception");
        assertEquals("3.3660", String.format("%.4f", losses.get(0)));
        assertEquals("2.6497", String.format("%.4f", losses.get(999)));
        assertEquals("2.2761", String.format("%.4f", losses.subList(900, 1000).stream().mapToDouble(d -> d).average().orElseThrow()));
        assertEquals("kamon", Playground.sample(0.5));   // the CLI's first name
        assertEquals("ann", Playground.sample(0.5));
        double validation = Playground.validationLoss(200);
        assertTrue(validation > 2 && validation < 3, "validation loss " + validation);
    }

    @Test
    void nextLetterGivesADistributionAndEachHeadsAttention() throws IOException {
        Playground.create(names(), 42, 2, 16, 2, 4, 10, 0.01);
        String json = Playground.nextLetter("emma");   // longer than the context of 4: the last 3 letters after BOS
        assertTrue(json.startsWith("{\"tokens\":[\"<BOS>\",\"m\",\"m\",\"a\"],\"vocab\":[\"a\","), json);
        String probs = json.substring(json.indexOf("\"probs\":[") + 9, json.indexOf("],\"attention\""));
        double sum = 0;
        for (String p : probs.split(",")) {
            sum += Double.parseDouble(p);
        }
        assertEquals(1.0, sum, 1e-12);
        String attention = json.substring(json.indexOf("\"attention\":") + 12);
        assertEquals(2 * 2, attention.split("\\],\\[").length, attention);   // two layers of two heads
    }

    @Test
    void badInputComesBackAsOneLineOfJsonNotAnException() throws IOException {
        assertEquals("{\"error\":\"n_embd (16) must be divisible by n_head (3) so that every head gets the same width; choose e.g. n_head 2\"}",
                Playground.create(names(), 42, 1, 16, 3, 16, 1000, 0.01));
        Playground.create(names(), 42, 1, 16, 4, 16, 5, 0.01);
        String refused = Playground.nextLetter("a\"b");
        assertTrue(refused.startsWith("{\"error\":\"in \\\"a\\\"b\\\" at character 2: the character '\\\"'"), refused);
        assertTrue(Playground.sample(0).startsWith("error: the temperature must be a positive number"));
        assertEquals("{\"error\":\"the names file has only blank lines; it needs at least one non-blank line (one document per line)\"}",
                Playground.create("\n \n", 42, 1, 16, 4, 16, 5, 0.01));
    }
}
