package microgpt.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import microgpt.data.Dataset;
import microgpt.data.TrainingData;
import microgpt.fast.FastGpt;
import microgpt.nn.GptConfig;
import microgpt.nn.LanguageModel;
import microgpt.random.PythonRandom;
import org.junit.jupiter.api.Test;

class TrainerDivergenceTest {

    @Test
    void aHugeLearningRateStopsAtTheFirstNonFiniteLoss() {
        PythonRandom rng = new PythonRandom(42);
        TrainingData data = TrainingData.prepare(Dataset.names(), rng);
        LanguageModel model = new FastGpt(GptConfig.reference(data.tokenizer().vocabSize()), rng);
        List<Double> losses = new java.util.ArrayList<>();
        Trainer trainer = new Trainer(model, data.tokenizer(), data.train(), TrainConfig.reference().withSteps(100).withLearningRate(1));
        double[][] before = new double[1][];
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> trainer.train(new TrainingListener() {
            @Override
            public void onStep(StepResult r) {
                losses.add(r.loss());
                before[0] = model.weights();
            }
        }));
        assertEquals(2, e.step(), "the reproduction: step 2 is the first non-finite loss");
        assertTrue(!Double.isFinite(e.loss()));
        assertEquals(1, losses.size(), "no listener hears of the bad step");
        assertEquals(1, trainer.stepsDone());
        assertArrayEquals(before[0], model.weights(), "the optimizer did not apply the bad step");
        assertTrue(e.getMessage().contains("at step 2 of 100") && e.getMessage().contains("learning rate 1.0"), e.getMessage());
    }
}
