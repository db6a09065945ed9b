package microgpt.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import microgpt.ReferenceFiles;
import microgpt.data.Dataset;
import microgpt.data.TrainingData;
import microgpt.nn.Gpt;
import microgpt.nn.GptConfig;
import microgpt.nn.LanguageModel;
import microgpt.random.PythonRandom;
import microgpt.sample.Sampler;
import microgpt.train.Evaluator;
import microgpt.train.TrainConfig;
import microgpt.train.Trainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fast engine against the scalar engine, through the same Trainer, Sampler and Evaluator:
 * the reference run's 1,000 losses, its weights, its samples, and a larger model.
 */
class FastEngineEqualityTest {

    record Run(double[] losses, double[] weights, List<String> samples, double validationLoss) {}

    static Run scalar;
    static Run fast;

    static Run run(boolean useFast, GptConfig shape, long seed, int steps, int samples) {
        PythonRandom rng = new PythonRandom(seed);
        TrainingData data = TrainingData.prepare(Dataset.names(), rng);
        GptConfig config = shape.withVocabSize(data.tokenizer().vocabSize());
        LanguageModel model = useFast ? new FastGpt(config, rng) : new Gpt(config, rng);
        double[] losses = new Trainer(model, data.tokenizer(), data.train(), TrainConfig.reference().withSteps(steps)).train().losses();
        List<String> names = new Sampler(model, data.tokenizer(), rng).sample(samples, 0.5);
        double validation = Evaluator.meanLoss(model, data.tokenizer(), data.validation().subList(0, 500));
        return new Run(losses, model.weights(), names, validation);
    }

    @BeforeAll
    static void trainBoth() {
        scalar = run(false, GptConfig.reference(27), 42, 1000, 20);
        fast = run(true, GptConfig.reference(27), 42, 1000, 20);
    }

    static double maxAbsDifference(double[] a, double[] b) {
        assertEquals(a.length, b.length);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    @Test
    void all1000LossesOfTheDefaultRunEqualTheScalarEngines() {
        double max = maxAbsDifference(scalar.losses(), fast.losses());
        System.out.println("fast vs scalar engine, default run: max |loss difference| over 1,000 steps = " + max);
        for (int s = 0; s < 1000; s++) {
            assertEquals(scalar.losses()[s], fast.losses()[s], 1e-9, "step " + (s + 1));
        }
        // Better than the bound: the two engines make the same operations in the same order.
        assertArrayEquals(scalar.losses(), fast.losses(), 0.0, "bit-identical losses");
    }

    @Test
    void theTrainedWeightsAreBitIdentical() {
        assertArrayEquals(scalar.weights(), fast.weights(), 0.0);
    }

    @Test
    void theFastEngineSamplesTheReferencesNames() {
        assertEquals(scalar.samples(), fast.samples());
        assertEquals(ReferenceFiles.lines("reference-samples-20.txt"), fast.samples());
        assertEquals(List.of("kamon", "ann", "karai"), fast.samples().subList(0, 3));
    }

    @Test
    void theFastEngineMatchesCPythonsLossesToFourDecimals() {
        Map<Integer, String> python = ReferenceFiles.lossesByStep("reference-losses-1000.txt");
        assertEquals(1000, python.size());
        python.forEach((step, loss) -> assertEquals(Double.parseDouble(loss), fast.losses()[step - 1], 1e-12, "step " + step));
    }

    @Test
    void evaluationGivesTheSameValidationLoss() {
        assertEquals(scalar.validationLoss(), fast.validationLoss(), 0.0);
    }

    @Test
    void aLargerModelTrainsIdenticallyFor50Steps() {
        GptConfig shape = new GptConfig(2, 32, 2, 8, 27);
        Run a = run(false, shape, 7, 50, 5);
        Run b = run(true, shape, 7, 50, 5);
        double max = maxAbsDifference(a.losses(), b.losses());
        System.out.println("fast vs scalar engine, n_embd 32, 2 layers, 2 heads, block 8: max |loss difference| over 50 steps = " + max);
        for (int s = 0; s < 50; s++) {
            assertEquals(a.losses()[s], b.losses()[s], 1e-9, "step " + (s + 1));
        }
        assertArrayEquals(a.losses(), b.losses(), 0.0);
        assertArrayEquals(a.weights(), b.weights(), 0.0);
        assertEquals(a.samples(), b.samples());
        assertEquals(a.validationLoss(), b.validationLoss(), 0.0);
        assertTrue(b.losses()[49] < b.losses()[0] + 1, "it trains");
    }

    @Test
    void theDecoderGivesTheScalarEnginesLogits() {
        GptConfig config = new GptConfig(2, 12, 3, 6, 9);
        Gpt model = new Gpt(config, new PythonRandom(3));
        FastGpt copy = FastGpt.from(model);
        int[] context = {8, 1, 4, 4, 0, 7};
        for (int length = 1; length <= context.length; length++) {
            int[] prefix = java.util.Arrays.copyOf(context, length);
            assertArrayEquals(model.logits(prefix), copy.logits(prefix), 0.0, "after " + length + " tokens");
        }
    }
}
