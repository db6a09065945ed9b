package microgpt.bench;

import java.util.List;
import microgpt.data.Dataset;
import microgpt.data.TrainingData;
import microgpt.nn.GptConfig;
import microgpt.random.PythonRandom;

/**
 * The floating-point operations of a training step's matrix products, the work that dominates it:
 * per position, forward, 2·rows·cols for each product (q, k, v, the output projection: 4·e·e;
 * fc1 and fc2: 8·e·e; per layer; and lm_head: vocab·e), and twice that backward (the gradient to
 * the input and the one to the weights). Attention, RMSNorm, the softmax and Adam are left out,
 * so the rate is a lower bound of the work done.
 */
final class MatrixFlops {

    /** The formula, for the printed table. */
    static final String FORMULA = "6 · positions · (12·n_layer·n_embd² + vocab·n_embd)";

    private MatrixFlops() {}

    /** The mean FLOPs per step over the benchmark's 1,000 steps of this config. */
    static double perStep(String config) {
        TrainingData data = TrainingData.prepare(Dataset.names(), new PythonRandom(42));
        GptConfig shape = TrainStepBenchmark.shape(config, data.tokenizer().vocabSize());
        double perPosition = 6.0 * (12.0 * shape.nLayer() * shape.nEmbd() * shape.nEmbd() + (double) shape.vocabSize() * shape.nEmbd());
        long positions = 0;
        List<List<int[]>> batches = TrainStepBenchmark.batches(data, TrainStepBenchmark.batchSize(config));
        for (List<int[]> batch : batches) {
            for (int[] tokens : batch) {
                positions += Math.min(shape.blockSize(), tokens.length - 1);
            }
        }
        return perPosition * positions / batches.size();
    }
}
