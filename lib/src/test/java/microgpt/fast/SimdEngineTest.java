package microgpt.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import microgpt.data.Dataset;
import microgpt.data.TrainingData;
import microgpt.nn.GptConfig;
import microgpt.random.PythonRandom;
import microgpt.train.TrainConfig;
import microgpt.train.Trainer;
import org.junit.jupiter.api.Test;

/**
 * The simd engine (the Vector API's fused multiply-adds, sums reordered) against the ordered fast
 * engine from the same seed: the same gradients and losses to within rounding, and the same
 * numbers, bit for bit, every time it runs.
 *
 * <p>The tolerances: a gradient is a sum of thousands of products, each rounded differently in
 * the two engines, so each may differ by some 1e-16 relative to the sum of its terms' magnitudes,
 * which cancellation can make a hundred or a thousand times the gradient itself: 1e-12 relative
 * (with a floor of 1e-3 of the largest gradient, for gradients near zero) is five times the
 * largest difference measured on AVX-512 (2e-13). Over a training run the differences could grow
 * as Adam feeds them back; measured after 200 steps, the losses agree to 1e-15. The test allows
 * 1e-9: far below any difference that matters, and room for other lane counts (AVX2's four lanes
 * sum in yet another order).
 */
class SimdEngineTest {

    private static final TrainingData DATA = TrainingData.prepare(Dataset.names(), new PythonRandom(42));

    /** The makemore transformer: 4 layers, n_embd 64, 4 heads, block 16. */
    private static final GptConfig MAKEMORE = new GptConfig(4, 64, 4, 16, DATA.tokenizer().vocabSize());

    private static List<int[]> firstDocuments(int count) {
        List<int[]> batch = new ArrayList<>();
        for (int d = 0; d < count; d++) {
            batch.add(DATA.tokenizer().encode(DATA.train().get(d)));
        }
        return batch;
    }

    @Test
    void oneBatchGivesTheOrderedEnginesGradientsToWithinRounding() {
        FastGpt ordered = new FastGpt(MAKEMORE, new PythonRandom(42));
        FastGpt simd = FastGpt.reordered(MAKEMORE, new PythonRandom(42));
        assertArrayEquals(ordered.weights(), simd.weights(), 0.0, "the same initial weights");
        List<int[]> batch = firstDocuments(32);
        ordered.zeroGradients();
        simd.zeroGradients();
        double orderedLoss = ordered.lossAndGradients(batch);
        double simdLoss = simd.lossAndGradients(batch);
        assertEquals(orderedLoss, simdLoss, 1e-14 * orderedLoss);

        double[] expected = ordered.gradients();
        double[] got = simd.gradients();
        double worst = Gradients.assertClose(expected, got, 1e-12);
        int differing = 0;
        for (int i = 0; i < got.length; i++) {
            differing += got[i] != expected[i] ? 1 : 0;
        }
        System.out.printf("simd vs ordered engine, one batch of 32 (makemore shape): loss difference %.1e,"
                + " largest relative gradient difference %.1e, %d of %d gradients differ%n",
                Math.abs(simdLoss - orderedLoss), worst, differing, got.length);
        assertTrue(differing > 0, "the simd engine really sums in another order");
    }

    @Test
    void twoHundredStepsGiveTheOrderedEnginesLossesToWithinRounding() {
        GptConfig shape = new GptConfig(2, 32, 4, 16, DATA.tokenizer().vocabSize());
        TrainConfig schedule = TrainConfig.reference().withSteps(200).withBatchSize(4).withLearningRate(5e-4)
                .withWeightDecay(0.01);
        double[] ordered = train(new FastGpt(shape, new PythonRandom(42)), schedule);
        double[] simd = train(FastGpt.reordered(shape, new PythonRandom(42)), schedule);
        double worst = 0;
        for (int s = 0; s < ordered.length; s++) {
            assertEquals(ordered[s], simd[s], 1e-9, "step " + (s + 1));
            worst = Math.max(worst, Math.abs(ordered[s] - simd[s]));
        }
        System.out.printf("simd vs ordered engine, 200 steps of batch 4 (2 layers, n_embd 32): largest loss difference %.1e%n", worst);
        assertNotEquals(0.0, worst, "the simd engine really sums in another order");
    }

    @Test
    void theSameSeedGivesTheSameNumbersTwice() {
        GptConfig shape = new GptConfig(2, 32, 4, 16, DATA.tokenizer().vocabSize());
        TrainConfig schedule = TrainConfig.reference().withSteps(30).withBatchSize(4);
        FastGpt first = FastGpt.reordered(shape, new PythonRandom(7));
        FastGpt second = FastGpt.reordered(shape, new PythonRandom(7));
        assertArrayEquals(train(first, schedule), train(second, schedule), 0.0);
        assertArrayEquals(first.weights(), second.weights(), 0.0);
    }

    @Test
    void anyNumberOfThreadsGivesTheSameBits() {
        List<int[]> batch = firstDocuments(32);
        double[] expected = null;
        double expectedLoss = 0;
        for (int threads : new int[] {1, 2, 3}) {
            FastGpt simd = FastGpt.reordered(MAKEMORE, new PythonRandom(42), threads);
            simd.zeroGradients();
            double loss = simd.lossAndGradients(batch);
            if (expected == null) {
                expected = simd.gradients();
                expectedLoss = loss;
            } else {
                assertEquals(expectedLoss, loss, 0.0, threads + " threads: the loss");
                assertArrayEquals(expected, simd.gradients(), 0.0, threads + " threads: the gradients");
            }
        }
    }

    private static double[] train(FastGpt model, TrainConfig schedule) {
        return new Trainer(model, DATA.tokenizer(), DATA.train(), schedule).train().losses();
    }
}
