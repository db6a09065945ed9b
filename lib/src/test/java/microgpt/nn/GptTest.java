package microgpt.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import microgpt.InvalidInputException;
import microgpt.data.Dataset;
import microgpt.data.TrainingData;
import microgpt.fast.FastGpt;
import microgpt.random.PythonRandom;
import org.junit.jupiter.api.Test;

class GptTest {

    @Test
    void theReferenceModelHas4192Parameters() {
        GptConfig config = GptConfig.reference(27);
        assertEquals(4192, config.parameterCount());
        Gpt model = new Gpt(config, new PythonRandom(42));
        assertEquals(4192, model.parameters().size());
        assertEquals(List.of("wte", "wpe", "lm_head", "layer0.attn_wq", "layer0.attn_wk", "layer0.attn_wv",
                "layer0.attn_wo", "layer0.mlp_fc1", "layer0.mlp_fc2"), List.copyOf(model.stateDict().keySet()));
        assertEquals(64, model.matrix("layer0.mlp_fc1").length);
        assertEquals(16, model.matrix("layer0.mlp_fc1")[0].length);
    }

    @Test
    void theShuffleAndTheFirstWeightsComeFromTheReferenceStream() {
        PythonRandom rng = new PythonRandom(42);
        TrainingData data = TrainingData.prepare(Dataset.names(), rng);
        assertEquals(List.of("yuheng", "diondre", "xavien", "jori", "juanluis"), data.documents().documents().subList(0, 5));
        PythonRandom probe = new PythonRandom(42);
        TrainingData.prepare(Dataset.names(), probe);
        assertEquals(0.33066848487396605, probe.random());
        assertEquals(27, data.tokenizer().vocabSize());
    }

    @Test
    void theInitialLossIsNearLnOfTheVocabularySize() {
        PythonRandom rng = new PythonRandom(42);
        TrainingData data = TrainingData.prepare(Dataset.names(), rng);
        Gpt model = new Gpt(GptConfig.reference(27), rng);
        double loss = microgpt.train.Evaluator.meanLoss(model, data.tokenizer(), data.validation().subList(0, 300));
        assertEquals(Math.log(27), loss, 0.1, "small random weights predict nearly uniformly");
    }

    @Test
    void configIsValidatedWhenBuilt() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new GptConfig(1, 18, 4, 16, 27));
        assertTrue(e.getMessage().contains("n_embd (18) must be divisible by n_head (4)"), e.getMessage());
        assertTrue(e.getMessage().contains("n_head 3"), "suggests a divisor: " + e.getMessage());
        for (int[] bad : new int[][] {{0, 16, 4, 16}, {1, 0, 4, 16}, {1, 16, 0, 16}, {1, 16, 4, 0}, {-1, 16, 4, 16}}) {
            InvalidInputException ex = assertThrows(InvalidInputException.class, () -> new GptConfig(bad[0], bad[1], bad[2], bad[3], 27));
            assertTrue(ex.getMessage().contains("must be a positive integer"), ex.getMessage());
        }
        assertThrows(InvalidInputException.class, () -> new GptConfig(1, 16, 4, 16, 1));
    }

    @Test
    void forwardRejectsTokensAndPositionsOutsideTheModel() {
        Gpt model = new Gpt(new GptConfig(1, 8, 2, 4, 5), new PythonRandom(1));
        assertThrows(InvalidInputException.class, () -> model.forward(5, 0, new KvCache(1)));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> model.forward(0, 4, new KvCache(1)));
        assertTrue(e.getMessage().contains("block_size"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> model.loss(new int[] {4}));
    }

    @Test
    void longDocumentsAreCutToTheContext() {
        Gpt model = new Gpt(new GptConfig(1, 8, 2, 4, 5), new PythonRandom(1));
        assertEquals(4, model.positions(new int[] {4, 0, 1, 2, 3, 0, 1, 4}));
        assertEquals(2, model.positions(new int[] {4, 0, 4}));
        assertTrue(Double.isFinite(model.loss(new int[] {4, 0, 1, 2, 3, 0, 1, 4}).data));
    }

    @Test
    void weightsRoundTrip() {
        Gpt model = new Gpt(new GptConfig(2, 8, 2, 4, 5), new PythonRandom(1));
        Gpt copy = Gpt.withWeights(model.config(), model.weights());
        assertEquals(java.util.Arrays.toString(model.logits(new int[] {4, 1, 2})), java.util.Arrays.toString(copy.logits(new int[] {4, 1, 2})));
        assertThrows(InvalidInputException.class, () -> Gpt.withWeights(model.config(), new double[3]));
    }

    @Test
    void aTargetOutsideTheVocabularyIsRefusedBeforeAnyGraphIsBuilt() {
        Gpt model = new Gpt(GptConfig.reference(27), new PythonRandom(42));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> model.loss(new int[] {26, 0, 1, 99}));
        assertTrue(e.getMessage().contains("token id 99 is outside the vocabulary [0, 27)"), e.getMessage());
        assertTrue(e.getMessage().contains("tokenizer"), "says what to do: " + e.getMessage());
        assertThrows(InvalidInputException.class, () -> model.lossAndGradients(new int[] {26, -1}));
        InvalidInputException ops = assertThrows(InvalidInputException.class,
                () -> Ops.crossEntropy(new double[] {0.1, 0.2}, 2));
        assertTrue(ops.getMessage().contains("target token id 2 is outside the 2 logits"), ops.getMessage());
    }

    @Test
    void aModelSoDivergedThatATargetHasProbabilityZeroHasAnInfiniteLossInBothEngines() {
        GptConfig config = GptConfig.reference(27);
        PythonRandom rng = new PythonRandom(7);
        double[] huge = new double[config.parameterCount()];
        for (int i = 0; i < huge.length; i++) {
            huge[i] = rng.gauss(0, 1e4); // logits thousands apart: exp underflows to 0 for most targets
        }
        int[] tokens = {26, 0, 1, 2, 3, 26};
        Gpt scalar = Gpt.withWeights(config, huge);
        FastGpt fast = FastGpt.withWeights(config, huge);
        double fastLoss = fast.lossAndGradients(tokens);
        assertEquals(Double.POSITIVE_INFINITY, fastLoss, "the premise: the fast engine reports −log 0");
        assertEquals(fastLoss, scalar.lossAndGradients(tokens));
        assertThrows(ArithmeticException.class, () -> scalar.loss(tokens), "the graph itself refuses log(0), as the reference does");
    }
}
