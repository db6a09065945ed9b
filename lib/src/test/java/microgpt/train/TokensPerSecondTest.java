package microgpt.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import microgpt.data.Dataset;
import microgpt.data.TrainingData;
import microgpt.fast.FastGpt;
import microgpt.nn.GptConfig;
import microgpt.random.PythonRandom;
import org.junit.jupiter.api.Test;

/** Each step counts its next-token predictions, and the summary line reports them per second. */
class TokensPerSecondTest {

    @Test
    void aStepCountsEachDocumentsPredictionsUpToTheBlockSize() {
        PythonRandom rng = new PythonRandom(42);
        TrainingData data = TrainingData.prepare(Dataset.names(), rng);
        GptConfig config = new GptConfig(1, 8, 2, 4, data.tokenizer().vocabSize());
        Trainer trainer = new Trainer(new FastGpt(config, rng), data.tokenizer(), data.train(),
                TrainConfig.reference().withSteps(3).withBatchSize(5));
        List<StepResult> steps = trainer.train().steps();
        List<String> docs = data.train();
        for (int s = 0; s < 3; s++) {
            int expected = 0;
            for (int i = 0; i < 5; i++) {
                expected += Math.min(4, docs.get(s * 5 + i).length() + 1); // BOS + letters predict letters + BOS
            }
            assertEquals(expected, steps.get(s).tokens(), "step " + (s + 1));
        }
        assertTrue(docs.subList(0, 15).stream().anyMatch(d -> d.length() + 1 > 4), "some document is cut at the block size");
    }

    @Test
    void tokensPerSecondIsAllPredictionsOverTheStepsTime() {
        TrainingHistory history = new TrainingHistory();
        history.add(new StepResult(1, 2, 3.0, 0.01, 250_000_000L, 100));
        history.add(new StepResult(2, 2, 2.0, 0.01, 750_000_000L, 300));
        assertEquals(400.0, history.tokensPerSecond(), 1e-9);
        assertEquals("done: 2 steps in 1.50 s wall | 500.000 ms/step | 400 tokens/s | mean loss of the last 2 steps 2.5000",
                ProgressPrinter.summary(history, 1.5));
    }

    @Test
    void largeRatesAreGroupedInThousands() {
        TrainingHistory history = new TrainingHistory();
        history.add(new StepResult(1, 1, 2.0, 0.01, 1_000_000L, 16_000));
        assertTrue(ProgressPrinter.summary(history, 0.01).contains("| 16,000,000 tokens/s |"), ProgressPrinter.summary(history, 0.01));
    }
}
