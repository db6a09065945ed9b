package microgpt.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import microgpt.InvalidInputException;
import microgpt.autograd.GradientCheck;
import microgpt.data.Dataset;
import microgpt.data.Tokenizer;
import microgpt.data.TrainingData;
import microgpt.io.Checkpoint;
import microgpt.nn.Decoder;
import microgpt.nn.Gpt;
import microgpt.nn.GptConfig;
import microgpt.optim.Optimizer;
import microgpt.random.PythonRandom;
import microgpt.sample.Sampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FastGptTest {

    @TempDir
    Path dir;

    /**
     * The hand-derived backward pass against arithmetic: for weights drawn from every matrix, the
     * gradient it gives against the fourth-order central difference of its own forward pass,
     * [f(w−2h) − 8f(w−h) + 8f(w+h) − f(w+2h)] / 12h with h = 5e-5 (see {@link GradientCheck}).
     * Weights whose gradient is below 1e-4, which finite differences cannot resolve to 1e-6, are
     * drawn again.
     */
    @ParameterizedTest(name = "n_layer {0}, n_embd {1}, n_head {2}, block {3}")
    @CsvSource({"1, 16, 4, 16", "2, 12, 3, 6", "3, 8, 2, 5"})
    void theBackwardPassAgreesWithFiniteDifferencesOfTheForwardPass(int nLayer, int nEmbd, int nHead, int block) {
        GptConfig config = new GptConfig(nLayer, nEmbd, nHead, block, 27);
        PythonRandom rng = new PythonRandom(100 + nEmbd);
        FastGpt model = new FastGpt(config, rng);
        Layout layout = model.layout();
        List<int[]> matrices = new ArrayList<>();            // {offset, rows, cols}
        matrices.add(new int[] {layout.wte(), 27, nEmbd});
        matrices.add(new int[] {layout.wpe(), block, nEmbd});
        matrices.add(new int[] {layout.lmHead(), 27, nEmbd});
        for (Layout.Layer l : layout.layers()) {
            for (int off : new int[] {l.wq(), l.wk(), l.wv(), l.wo()}) {
                matrices.add(new int[] {off, nEmbd, nEmbd});
            }
            matrices.add(new int[] {l.fc1(), 4 * nEmbd, nEmbd});
            matrices.add(new int[] {l.fc2(), nEmbd, 4 * nEmbd});
        }
        int checked = 0;
        double worst = 0;
        for (int doc = 0; doc < 3; doc++) {
            int[] tokens = new int[3 + rng.randbelow(block + 2)];
            tokens[0] = 26;
            for (int i = 1; i < tokens.length; i++) {
                tokens[i] = rng.randbelow(27);
            }
            int n = model.positions(tokens);
            model.zeroGradients();
            model.lossAndGradients(tokens);
            double[] gradient = model.gradients();
            double[] weights = model.weights();
            for (int m = 0; m < matrices.size(); m++) {
                int[] matrix = matrices.get(m);
                for (int k = 0; k < 3; k++) {
                    int best = -1;
                    for (int attempt = 0; attempt < 100 && (best < 0 || Math.abs(gradient[best]) < 1e-4); attempt++) {
                        int row = m == 0 ? tokens[rng.randbelow(n)] : m == 1 ? rng.randbelow(n) : rng.randbelow(matrix[1]);
                        int index = matrix[0] + row * matrix[2] + rng.randbelow(matrix[2]);
                        if (best < 0 || Math.abs(gradient[index]) > Math.abs(gradient[best])) {
                            best = index;
                        }
                    }
                    if (Math.abs(gradient[best]) < 1e-4) {
                        continue;
                    }
                    double h = GradientCheck.DEFAULT_STEP;
                    double plus2 = lossAt(model, weights, best, 2 * h, tokens);
                    double plus1 = lossAt(model, weights, best, h, tokens);
                    double minus1 = lossAt(model, weights, best, -h, tokens);
                    double minus2 = lossAt(model, weights, best, -2 * h, tokens);
                    double numerical = (8 * (plus1 - minus1) - (plus2 - minus2)) / (12 * h);
                    double error = GradientCheck.relativeError(gradient[best], numerical);
                    assertTrue(error <= GradientCheck.DEFAULT_TOLERANCE, "weight " + best + ": backward " + gradient[best]
                            + ", finite difference " + numerical + ", relative error " + error);
                    worst = Math.max(worst, error);
                    checked++;
                }
            }
            model.setWeights(weights);
        }
        System.out.printf("fast backward vs finite differences (%s): %d weights, worst relative error %.2e%n", config, checked, worst);
        assertTrue(checked >= 2 * matrices.size(), "checked only " + checked + " weights");
    }

    private static double lossAt(FastGpt model, double[] weights, int index, double delta, int[] tokens) {
        double[] w = weights.clone();
        w[index] += delta;
        model.setWeights(w);
        return model.loss(tokens);
    }

    /** A warm training step allocates nothing: measured with the JVM's per-thread allocation counter. */
    @Test
    void aWarmTrainingStepAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        PythonRandom rng = new PythonRandom(42);
        TrainingData data = TrainingData.prepare(Dataset.names(), rng);
        FastGpt model = new FastGpt(GptConfig.reference(27), rng);
        Optimizer adam = model.adam(0.85, 0.99, 1e-8);
        int[][] docs = new int[200][];
        for (int i = 0; i < docs.length; i++) {
            docs[i] = data.tokenizer().encode(data.train().get(i));
        }
        for (int warm = 0; warm < 3; warm++) {                  // let the JIT compile the step
            for (int[] doc : docs) {
                model.lossAndGradients(doc);
                adam.step(0.01);
            }
        }
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int[] doc : docs) {
            model.lossAndGradients(doc);
            adam.step(0.01);
        }
        long bytes = threads.getThreadAllocatedBytes(thread) - before;
        System.out.printf("fast engine: %d bytes allocated in %d warm steps (%.1f per step)%n", bytes, docs.length, (double) bytes / docs.length);
        assertTrue(bytes < 1024L * docs.length, bytes + " bytes in " + docs.length + " steps");
    }

    @Test
    void aCheckpointRoundTripsThroughTheFastEngine() {
        PythonRandom rng = new PythonRandom(3);
        TrainingData data = TrainingData.prepare(Dataset.names(), rng);
        Tokenizer tokenizer = data.tokenizer();
        FastGpt model = new FastGpt(new GptConfig(2, 8, 2, 8, tokenizer.vocabSize()), rng);
        Optimizer adam = model.adam(0.85, 0.99, 1e-8);
        for (int s = 0; s < 30; s++) {
            model.lossAndGradients(tokenizer.encode(data.train().get(s)));
            adam.step(0.01);
        }
        Path file = dir.resolve("fast.mgpt");
        Checkpoint.save(file, model, tokenizer, 30);
        Checkpoint.Contents loaded = Checkpoint.load(file);
        assertEquals(30, loaded.trainedSteps());
        assertEquals(model.config(), loaded.model().config());
        assertArrayEquals(model.weights(), loaded.model().weights(), 0.0);
        FastGpt again = FastGpt.from(loaded.model());
        assertArrayEquals(model.weights(), again.weights(), 0.0);
        int[] context = tokenizer.encode("anna");
        assertArrayEquals(model.logits(context), again.logits(context), 0.0);
        assertArrayEquals(loaded.model().logits(context), again.logits(context), 0.0);
        assertEquals(new Sampler(model, tokenizer, new PythonRandom(1)).sample(5, 0.7),
                new Sampler(loaded.model(), tokenizer, new PythonRandom(1)).sample(5, 0.7));
    }

    @Test
    void theInitialWeightsAreTheScalarEnginesForTheSameSeed() {
        GptConfig config = new GptConfig(2, 8, 2, 6, 11);
        assertArrayEquals(new Gpt(config, new PythonRandom(5)).weights(), new FastGpt(config, new PythonRandom(5)).weights(), 0.0);
        assertEquals(config.parameterCount(), Layout.of(config).size());
    }

    @Test
    void badInputIsRefusedAsTheScalarEngineRefusesIt() {
        FastGpt model = new FastGpt(new GptConfig(1, 8, 2, 4, 5), new PythonRandom(1));
        assertThrows(InvalidInputException.class, () -> model.lossAndGradients(new int[] {4}));
        assertThrows(InvalidInputException.class, () -> model.lossAndGradients(new int[] {4, 5}));
        assertThrows(InvalidInputException.class, () -> model.setWeights(new double[3]));
        assertThrows(InvalidInputException.class, () -> FastGpt.withWeights(model.config(), new double[3]));
        Decoder decoder = model.decoder();
        assertThrows(InvalidInputException.class, () -> decoder.next(-1));
        for (int p = 0; p < 4; p++) {
            decoder.next(p);
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> decoder.next(0));
        assertTrue(e.getMessage().contains("block_size"), e.getMessage());
        decoder.reset();
        assertEquals(0, decoder.position());
        assertEquals(5, decoder.next(4).length);
        assertEquals(4, model.positions(new int[] {4, 0, 1, 2, 3, 0, 1, 4}), "long documents are cut to the context");
    }

    @Test
    void gradientsAccumulateUntilTheOptimizerClearsThem() {
        FastGpt model = new FastGpt(new GptConfig(1, 8, 2, 6, 5), new PythonRandom(2));
        int[] doc = {4, 0, 1, 2, 4};
        model.lossAndGradients(doc);
        double[] once = model.gradients();
        model.lossAndGradients(doc);
        double[] twice = model.gradients();
        for (int i = 0; i < once.length; i++) {
            assertEquals(2 * once[i], twice[i], 1e-15 + 1e-12 * Math.abs(once[i]));
        }
        model.adam(0.85, 0.99, 1e-8).step(0.01);
        assertArrayEquals(new double[once.length], model.gradients(), 0.0);
    }
}
