package microgpt.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import microgpt.InvalidInputException;
import microgpt.data.Dataset;
import microgpt.data.TrainingData;
import microgpt.nn.GptConfig;
import microgpt.random.PythonRandom;
import microgpt.train.TrainConfig;
import microgpt.train.Trainer;
import org.junit.jupiter.api.Test;

/** The path the WebAssembly playground takes: a model that never starts a thread, driven one step at a time. */
class SingleThreadedTest {

    private static Trainer trainer(boolean alone, int steps) {
        PythonRandom rng = new PythonRandom(42);
        TrainingData data = TrainingData.prepare(Dataset.names(), rng);
        GptConfig config = new GptConfig(2, 32, 4, 16, data.tokenizer().vocabSize());
        FastGpt model = alone ? FastGpt.singleThreaded(config, rng) : new FastGpt(config, rng);
        return new Trainer(model, data.tokenizer(), data.train(), TrainConfig.reference().withSteps(steps));
    }

    @Test
    void steppingAloneGivesTheSameLossesAndWeightsAsTraining() {
        Trainer threaded = trainer(false, 30);
        threaded.train();
        Trainer alone = trainer(true, 30);
        for (int s = 0; s < 30; s++) {
            assertEquals(threaded.history().losses()[s], alone.stepOnce().loss(), 0.0, "step " + (s + 1));
        }
        assertArrayEquals(threaded.model().weights(), alone.model().weights(), 0.0);
        InvalidInputException done = assertThrows(InvalidInputException.class, alone::stepOnce);
        assertTrue(done.getMessage().contains("all 30 steps are done"), done.getMessage());
    }

    @Test
    void lastAttentionIsOneSoftmaxPerLayerAndHead() {
        FastGpt model = (FastGpt) trainer(true, 1).model();
        double[][][] attention = model.lastAttention(new int[] {26, 0, 1});
        assertEquals(2, attention.length);
        assertEquals(4, attention[0].length);
        for (double[][] layer : attention) {
            for (double[] head : layer) {
                assertEquals(3, head.length);
                assertEquals(1.0, head[0] + head[1] + head[2], 1e-12);
            }
        }
        assertThrows(InvalidInputException.class, () -> model.lastAttention(new int[0]));
    }

    @Test
    void fromTextReadsLinesAsLoadDoes() {
        assertEquals(List.of("ann", "bo"), Dataset.fromText("\uFEFFann\n\n  bo \n", "test text").documents());
        InvalidInputException empty = assertThrows(InvalidInputException.class, () -> Dataset.fromText(" \n", "the names file"));
        assertTrue(empty.getMessage().startsWith("the names file has only blank lines"), empty.getMessage());
    }
}
