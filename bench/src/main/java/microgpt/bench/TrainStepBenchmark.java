package microgpt.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import microgpt.data.Dataset;
import microgpt.data.TrainingData;
import microgpt.fast.FastAdam;
import microgpt.fast.FastGpt;
import microgpt.nn.Gpt;
import microgpt.nn.GptConfig;
import microgpt.nn.LanguageModel;
import microgpt.optim.Optimizer;
import microgpt.random.PythonRandom;
import microgpt.train.TrainConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One training step of an engine: the loss and gradients of one document (or of a batch, for a
 * config ending in {@code xB}), then one Adam update. The steps are the reference run's: the model starts from seed 42's weights and step s
 * trains on training document s with the decayed learning rate of step s; after step 1,000 the
 * weights and the optimizer go back to their start and the same 1,000 steps play again. The
 * documents are encoded beforehand, so the measurement is the engine alone. A batched step s trains
 * on the B documents from s·B on, with AdamW (weight decay 0.01) as makemore does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TrainStepBenchmark {

    /** The run's length: the reference's 1,000 steps. */
    static final int STEPS = 1000;

    @Param({"scalar", "fast", "simd"})
    public String engine;

    /** n_embd-n_layer-block_size, and xB for batches of B; n_head is 4. (Not commas: JMH splits -p values at commas.) */
    @Param({"16-1-16", "64-2-16", "128-4-32", "64-4-16x32"})
    public String config;

    private LanguageModel model;
    private Optimizer optimizer;
    private double[] initialWeights;
    private List<List<int[]>> batches;
    private final TrainConfig schedule = TrainConfig.reference().withSteps(STEPS);
    private int step;

    /** The model of the given shape, as {@code train} builds it with seed 42. */
    static GptConfig shape(String config, int vocabSize) {
        String[] parts = config.split("x")[0].split("-");
        return new GptConfig(Integer.parseInt(parts[1].trim()), Integer.parseInt(parts[0].trim()), 4,
                Integer.parseInt(parts[2].trim()), vocabSize);
    }

    /** The documents per step: B for a config ending in xB, else 1. */
    static int batchSize(String config) {
        String[] parts = config.split("x");
        return parts.length == 1 ? 1 : Integer.parseInt(parts[1].trim());
    }

    /** The documents of each of the STEPS steps, encoded, as {@link #setUp} trains on them. */
    static List<List<int[]>> batches(TrainingData data, int batchSize) {
        List<String> train = data.train();
        List<List<int[]>> batches = new ArrayList<>();
        for (int s = 0; s < STEPS; s++) {
            List<int[]> batch = new ArrayList<>();
            for (int d = s * batchSize; d < (s + 1) * batchSize; d++) {
                batch.add(data.tokenizer().encode(train.get(d % train.size())));
            }
            batches.add(batch);
        }
        return batches;
    }

    @Setup(Level.Trial)
    public void setUp() {
        PythonRandom rng = new PythonRandom(42);
        TrainingData data = TrainingData.prepare(Dataset.names(), rng);
        GptConfig shape = shape(config, data.tokenizer().vocabSize());
        model = switch (engine) {
            case "scalar" -> new Gpt(shape, rng);
            case "fast" -> new FastGpt(shape, rng);
            case "simd" -> FastGpt.reordered(shape, rng);
            default -> throw new IllegalArgumentException("unknown engine " + engine);
        };
        optimizer = newOptimizer();
        initialWeights = model.weights();
        batches = batches(data, batchSize(config));
    }

    /** Adam as the reference run's, or AdamW with makemore's weight decay for batches. */
    private Optimizer newOptimizer() {
        return batchSize(config) == 1 ? model.adam(schedule.beta1(), schedule.beta2(), schedule.epsilon())
                : model.adamW(schedule.beta1(), schedule.beta2(), schedule.epsilon(), 0.01);
    }

    @Benchmark
    public double trainStep() {
        if (step == STEPS) {
            restart();
        }
        List<int[]> batch = batches.get(step);
        double loss = batch.size() == 1 ? model.lossAndGradients(batch.get(0)) : model.lossAndGradients(batch);
        optimizer.step(schedule.learningRateAt(step));
        step++;
        return loss;
    }

    /** Back to step 0: the initial weights and a fresh optimizer (the fast one is reset in place, allocating nothing). */
    private void restart() {
        model.setWeights(initialWeights);
        if (optimizer instanceof FastAdam fast) {
            fast.reset();
        } else {
            optimizer = newOptimizer();
        }
        step = 0;
    }
}
