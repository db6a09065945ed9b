package microgpt.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import microgpt.InvalidInputException;
import microgpt.autograd.GradientCheck;
import microgpt.autograd.GradientCheckReport;
import microgpt.data.Dataset;
import microgpt.data.TrainingData;
import microgpt.random.PythonRandom;
import org.junit.jupiter.api.Test;

/** The whole GPT's loss, checked against central differences on a sample of its weights. */
class ModelGradientTest {

    @Test
    void wholeModelLossOverASampleOfParameters() {
        PythonRandom rng = new PythonRandom(42);
        TrainingData data = TrainingData.prepare(Dataset.names(), rng);
        Gpt model = new Gpt(GptConfig.reference(data.tokenizer().vocabSize()), rng);
        int[] tokens = data.tokenizer().encode(data.train().get(0)); // "yuheng"
        GradientCheckReport report = ModelGradientCheck.checkSample(model, tokens, 3, new PythonRandom(7),
                GradientCheck.DEFAULT_STEP, 1e-6);
        assertEquals(3 * model.stateDict().size(), report.entries().size(), "three weights from each of the nine matrices");
        assertTrue(report.passed(), report::toString);
        assertTrue(report.entries().stream().filter(e -> Math.abs(e.analytical()) > 1e-4).count() >= 15,
                "most sampled gradients are far from zero:\n" + report);
    }

    @Test
    void namedWeightsCanBeChecked() {
        PythonRandom rng = new PythonRandom(42);
        Gpt model = new Gpt(new GptConfig(2, 8, 2, 8, 5), rng);
        int[] tokens = {4, 0, 1, 2, 4};
        GradientCheckReport report = ModelGradientCheck.check(model, tokens,
                List.of("wte[0][3]", "wpe[2][1]", "layer1.mlp_fc2[5][30]", "layer0.attn_wk[1][1]"), GradientCheck.DEFAULT_STEP, 1e-6);
        assertTrue(report.passed(), report::toString);
        assertThrows(InvalidInputException.class, () -> ModelGradientCheck.weight(model, "wte[99][0]"));
        assertThrows(InvalidInputException.class, () -> ModelGradientCheck.weight(model, "nope[0][0]"));
    }
}
