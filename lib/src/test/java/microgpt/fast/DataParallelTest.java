package microgpt.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import microgpt.InvalidInputException;
import microgpt.data.Dataset;
import microgpt.data.TrainingData;
import microgpt.nn.Decoder;
import microgpt.nn.Gpt;
import microgpt.nn.GptConfig;
import microgpt.nn.Ops;
import microgpt.random.PythonRandom;
import microgpt.train.Evaluator;
import microgpt.train.TrainConfig;
import microgpt.train.Trainer;
import org.junit.jupiter.api.Test;

/** A batch shared between threads: the same loss, gradients and weights, bit for bit, on 1, 2, 3 or 4 threads. */
class DataParallelTest {

    private static final TrainingData DATA = TrainingData.prepare(Dataset.names(), new PythonRandom(42));
    private static final GptConfig SMALL = new GptConfig(2, 16, 4, 8, DATA.tokenizer().vocabSize());
    private static final int[] THREADS = {1, 2, 3, 4};

    private static List<int[]> batch(int from, int size) {
        List<int[]> batch = new ArrayList<>();
        for (int d = from; d < from + size; d++) {
            batch.add(DATA.tokenizer().encode(DATA.train().get(d)));
        }
        return batch;
    }

    private static FastGpt model(GptConfig config, int threads) {
        return FastGpt.withThreads(config, new PythonRandom(5), threads);
    }

    /** 2, 7 (fewer than the shards), 8, 13 (shards of two sizes) and 40 documents. */
    @Test
    void theLossAndGradientsDoNotDependOnTheThreads() {
        for (int size : new int[] {2, 7, 8, 13, 40}) {
            List<int[]> batch = batch(size, size);
            FastGpt one = model(SMALL, 1);
            double loss = one.lossAndGradients(batch);
            double[] gradients = one.gradients();
            assertTrue(loss > 0 && Double.isFinite(loss), "loss " + loss);
            for (int threads : THREADS) {
                FastGpt model = model(SMALL, threads);
                assertEquals(loss, model.lossAndGradients(batch), 0.0, size + " documents on " + threads + " threads");
                assertArrayEquals(gradients, model.gradients(), 0.0, size + " documents on " + threads + " threads");
            }
            FastGpt alone = FastGpt.singleThreaded(SMALL, new PythonRandom(5));   // the WebAssembly build's engine
            assertEquals(loss, alone.lossAndGradients(batch), 0.0);
            assertArrayEquals(gradients, alone.gradients(), 0.0);
        }
    }

    /** AdamW with warm-up over ten steps of 12 documents, on a model wide enough for one document's loops to be shared. */
    @Test
    void trainingGivesTheSameWeightsOnAnyNumberOfThreads() {
        GptConfig wide = new GptConfig(1, 64, 4, 16, DATA.tokenizer().vocabSize());
        TrainConfig schedule = TrainConfig.reference().withSteps(10).withBatchSize(12).withWeightDecay(0.01).withWarmup(2);
        double[] losses = null;
        double[] weights = null;
        for (int threads : THREADS) {
            FastGpt model = model(wide, threads);
            double[] got = new Trainer(model, DATA.tokenizer(), DATA.train(), schedule).train().losses();
            if (losses == null) {
                losses = got;
                weights = model.weights();
                assertTrue(got[9] < got[0], "the loss falls: " + got[0] + " to " + got[9]);
            } else {
                assertArrayEquals(losses, got, 0.0, threads + " threads");
                assertArrayEquals(weights, model.weights(), 0.0, threads + " threads");
            }
        }
    }

    @Test
    void aBatchOfOneIsTheOrderedSingleDocumentStepOnAnyNumberOfThreads() {
        for (int threads : THREADS) {
            FastGpt single = model(SMALL, 1);
            FastGpt batched = model(SMALL, threads);
            for (int[] tokens : batch(0, 5)) {
                single.zeroGradients();
                batched.zeroGradients();
                assertEquals(single.lossAndGradients(tokens), batched.lossAndGradients(List.of(tokens)), 0.0);
                assertArrayEquals(single.gradients(), batched.gradients(), 0.0);
            }
        }
    }

    /** Shards add into the gradients already there, as one document does: two batches in a row are the sum of both. */
    @Test
    void aBatchAddsToTheGradientsAlreadyThere() {
        FastGpt model = model(SMALL, 3);
        model.lossAndGradients(batch(0, 9));
        double[] first = model.gradients();
        model.zeroGradients();
        model.lossAndGradients(batch(9, 9));
        double[] second = model.gradients();
        model.zeroGradients();
        model.lossAndGradients(batch(0, 9));
        model.lossAndGradients(batch(9, 9));
        double[] both = model.gradients();
        for (int i = 0; i < both.length; i++) {
            assertEquals(first[i] + second[i], both[i], 1e-15 + 1e-12 * Math.abs(both[i]), "gradient " + i);
        }
    }

    /** Two models training at once share the JVM's pool: the second runs alone while the first holds it, with the same numbers. */
    @Test
    void modelsTrainingAtTheSameTimeGetTheirOwnNumbers() throws Exception {
        TrainConfig schedule = TrainConfig.reference().withSteps(8).withBatchSize(10);
        FastGpt reference = model(SMALL, 2);
        double[] expected = new Trainer(reference, DATA.tokenizer(), DATA.train(), schedule).train().losses();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<double[]>> runs = new ArrayList<>();
            for (int run = 0; run < 3; run++) {
                runs.add(pool.submit(() -> new Trainer(model(SMALL, 2), DATA.tokenizer(), DATA.train(), schedule).train().losses()));
            }
            for (Future<double[]> run : runs) {
                assertArrayEquals(expected, run.get(), 0.0);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The validation loss, its documents shared between the threads: one decoder's ordered sum, bit for bit. */
    @Test
    void theValidationLossIsTheOrderedSumOnAnyNumberOfThreads() {
        List<String> documents = DATA.validation().subList(0, 300);
        FastGpt trained = model(SMALL, 1);
        new Trainer(trained, DATA.tokenizer(), DATA.train(), TrainConfig.reference().withSteps(20).withBatchSize(4)).train();
        Decoder decoder = trained.decoder();
        double sum = 0;
        long count = 0;
        for (String doc : documents) {
            int[] tokens = DATA.tokenizer().encode(doc);
            decoder.reset();
            for (int p = 0; p < trained.positions(tokens); p++) {
                sum += Ops.crossEntropy(decoder.next(tokens[p]), tokens[p + 1]);
                count++;
            }
        }
        double expected = sum / count;
        assertTrue(expected > 1 && expected < 3.3, "20 steps in: " + expected);
        for (int threads : THREADS) {
            FastGpt onThreads = FastGpt.withThreads(SMALL, new PythonRandom(1), threads);
            onThreads.setWeights(trained.weights());
            assertEquals(expected, Evaluator.meanLoss(onThreads, DATA.tokenizer(), documents), 0.0, threads + " threads");
        }
        FastGpt alone = FastGpt.singleThreaded(SMALL, new PythonRandom(1));
        alone.setWeights(trained.weights());
        assertEquals(expected, Evaluator.meanLoss(alone, DATA.tokenizer(), documents), 0.0);
        Gpt scalar = new Gpt(SMALL, new PythonRandom(1));
        scalar.setWeights(trained.weights());
        assertEquals(expected, Evaluator.meanLoss(scalar, DATA.tokenizer(), documents), 0.0, "the scalar engine, one decoder");
    }

    @Test
    void aBadThreadCountIsRefusedInOneLine() {
        InvalidInputException none = assertThrows(InvalidInputException.class, () -> model(SMALL, 0));
        assertEquals("the thread count must be from 1 to 256, got 0", none.getMessage());
        assertThrows(InvalidInputException.class, () -> model(SMALL, Threads.MAX + 1));
        assertTrue(Threads.byDefault() >= 1);
    }
}
