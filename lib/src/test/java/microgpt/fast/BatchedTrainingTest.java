package microgpt.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import microgpt.InvalidInputException;
import microgpt.data.Tokenizer;
import microgpt.nn.Gpt;
import microgpt.nn.GptConfig;
import microgpt.optim.Optimizer;
import microgpt.random.PythonRandom;
import microgpt.train.TrainConfig;
import microgpt.train.Trainer;
import org.junit.jupiter.api.Test;

/**
 * Batches of documents in the fast engine: one document is today's step bit for bit; more are the
 * token-weighted mean of the documents' own gradients; the trainer walks the documents in order.
 */
class BatchedTrainingTest {

    private static final List<String> DOCS = List.of("anna", "bob", "christopher", "di", "emmanuelle", "fay", "gus");
    private static final Tokenizer TOKENIZER = Tokenizer.fit(DOCS);

    private static GptConfig config(int nEmbd, int block) {
        return new GptConfig(1, nEmbd, 4, block, TOKENIZER.vocabSize());
    }

    @Test
    void aBatchOfOneIsTheSingleDocumentStepBitForBit() {
        FastGpt single = new FastGpt(config(16, 16), new PythonRandom(3));
        FastGpt batched = FastGpt.withWeights(single.config(), single.weights());
        for (String doc : DOCS) {
            int[] tokens = TOKENIZER.encode(doc);
            single.zeroGradients();
            batched.zeroGradients();
            assertEquals(single.lossAndGradients(tokens), batched.lossAndGradients(List.of(tokens)), 0.0, doc);
            assertArrayEquals(single.gradients(), batched.gradients(), 0.0, doc);
        }
    }

    @Test
    void aTrainerWithBatchSizeOneIsTheOneDocumentLoopBitForBit() {
        int[][] order = new int[25][];
        for (int s = 0; s < order.length; s++) {
            order[s] = new int[] {s % DOCS.size()};
        }
        assertTheTrainerTakes(order, 1, new PythonRandom(5));
    }

    /** Gradient = Σ_d (n_d / T) · g_d, g_d the gradient of document d's mean loss, T = Σ n_d; loss likewise. */
    @Test
    void aLargerBatchIsTheTokenWeightedMeanOfTheDocumentsGradients() {
        FastGpt model = new FastGpt(config(16, 8), new PythonRandom(7));  // block 8 cuts the long names
        List<int[]> batch = new ArrayList<>();
        for (String doc : List.of("christopher", "di", "emmanuelle", "bob", "anna")) {
            batch.add(TOKENIZER.encode(doc));
        }
        int total = 0;
        for (int[] tokens : batch) {
            total += model.positions(tokens);
        }
        double[] expected = new double[model.layout().size()];
        double expectedLoss = 0;
        for (int[] tokens : batch) {
            model.zeroGradients();
            double loss = model.lossAndGradients(tokens);
            double share = (double) model.positions(tokens) / total;
            expectedLoss += share * loss;
            double[] g = model.gradients();
            for (int i = 0; i < g.length; i++) {
                expected[i] += share * g[i];
            }
        }
        model.zeroGradients();
        double loss = model.lossAndGradients(batch);
        double[] got = model.gradients();
        assertEquals(expectedLoss, loss, 1e-12 * expectedLoss);
        double worst = Gradients.assertClose(expected, got, 1e-12);
        int checked = Gradients.count(expected, g -> g != 0);
        System.out.printf("batch of 5 vs weighted per-document gradients: largest relative difference %.1e%n", worst);
        assertTrue(checked > got.length / 2, "most gradients are non-zero: " + checked);
    }

    @Test
    void theTrainerTakesDocumentsSTimesBOnwardsWrappingAroundTheOrder() {
        int[][] order = {{0, 1, 2}, {3, 4, 5}, {6, 0, 1}, {2, 3, 4}, {5, 6, 0}, {1, 2, 3}};  // 7 documents, 3 a step
        assertTheTrainerTakes(order, 3, new PythonRandom(9));
    }

    /** A trainer's run equals, bit for bit, Adam stepping by hand on the batches of documents {@code order[s]}. */
    private static void assertTheTrainerTakes(int[][] order, int batchSize, PythonRandom rng) {
        FastGpt trained = new FastGpt(config(16, 16), rng);
        FastGpt byHand = FastGpt.withWeights(trained.config(), trained.weights());
        TrainConfig schedule = TrainConfig.reference().withSteps(order.length).withBatchSize(batchSize);
        double[] losses = new Trainer(trained, TOKENIZER, DOCS, schedule).train().losses();
        Optimizer adam = byHand.adam(0.85, 0.99, 1e-8);
        for (int s = 0; s < order.length; s++) {
            List<int[]> batch = new ArrayList<>();
            for (int d : order[s]) {
                batch.add(TOKENIZER.encode(DOCS.get(d)));
            }
            // one document by the single-document method, as the engine trained before batches
            double loss = batch.size() == 1 ? byHand.lossAndGradients(batch.get(0)) : byHand.lossAndGradients(batch);
            assertEquals(loss, losses[s], 0.0, "step " + s);
            adam.step(schedule.learningRateAt(s));
        }
        assertArrayEquals(byHand.weights(), trained.weights(), 0.0);
    }

    /** Wide enough for the matrix products to be shared between two threads: the same numbers alone. */
    @Test
    void aBatchGivesTheSameNumbersWithOneThreadOrTwo() {
        GptConfig wide = new GptConfig(1, 64, 4, 16, TOKENIZER.vocabSize());
        FastGpt shared = FastGpt.withWeights(wide, new FastGpt(wide, new PythonRandom(11)).weights());
        FastGpt alone = FastGpt.singleThreaded(wide, new PythonRandom(11));
        TrainConfig schedule = TrainConfig.reference().withSteps(4).withBatchSize(4);
        double[] sharedLosses = new Trainer(shared, TOKENIZER, DOCS, schedule).train().losses();
        double[] aloneLosses = new Trainer(alone, TOKENIZER, DOCS, schedule).train().losses();
        assertArrayEquals(aloneLosses, sharedLosses, 0.0);
        assertArrayEquals(alone.weights(), shared.weights(), 0.0);
    }

    @Test
    void theScalarEngineAndABadBatchAreRefusedBeforeAnyGradient() {
        Gpt scalar = new Gpt(config(8, 8), new PythonRandom(1));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> scalar.lossAndGradients(List.of(TOKENIZER.encode("anna"), TOKENIZER.encode("bob"))));
        assertTrue(e.getMessage().contains("fast engine") && e.getMessage().contains("batch of 2"), e.getMessage());
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> new Trainer(scalar, TOKENIZER, DOCS, TrainConfig.reference().withBatchSize(2)));
        assertTrue(refused.getMessage().contains("needs the fast engine"), refused.getMessage());
        new Trainer(scalar, TOKENIZER, DOCS, TrainConfig.reference().withBatchSize(1));   // one document is fine

        FastGpt fast = new FastGpt(config(8, 8), new PythonRandom(1));
        fast.zeroGradients();
        assertThrows(InvalidInputException.class, () -> fast.lossAndGradients(List.of()));
        assertThrows(InvalidInputException.class,
                () -> fast.lossAndGradients(List.of(TOKENIZER.encode("anna"), new int[] {TOKENIZER.bos()})));
        assertArrayEquals(new double[fast.layout().size()], fast.gradients(), 0.0);  // the first document was not run
    }
}
