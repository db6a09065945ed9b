package microgpt.bench;

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
 * One training step of either engine: the loss and gradients of one document, then one Adam
 * update. The steps are the reference run's: the model starts from seed 42's weights and step s
 * trains on training document s with the decayed learning rate of step s; after step 1,000 the
 * weights and the optimizer go back to their start and the same 1,000 steps play again. The
 * documents are encoded beforehand, so the measurement is the engine alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TrainStepBenchmark {

    /** The run's length: the reference's 1,000 steps. */
    static final int STEPS = 1000;

    @Param({"scalar", "fast"})
    public String engine;

    /** n_embd-n_layer-block_size; n_head is 4. (Not commas: JMH splits -p values at commas.) */
    @Param({"16-1-16", "64-2-16", "128-4-32"})
    public String config;

    private LanguageModel model;
    private Optimizer optimizer;
    private double[] initialWeights;
    private int[][] documents;
    private final TrainConfig schedule = TrainConfig.reference().withSteps(STEPS);
    private int step;

    /** The model of the given shape, as {@code train} builds it with seed 42. */
    static GptConfig shape(String config, int vocabSize) {
        String[] parts = config.split("-");
        return new GptConfig(Integer.parseInt(parts[1].trim()), Integer.parseInt(parts[0].trim()), 4,
                Integer.parseInt(parts[2].trim()), vocabSize);
    }

    @Setup(Level.Trial)
    public void setUp() {
        PythonRandom rng = new PythonRandom(42);
        TrainingData data = TrainingData.prepare(Dataset.names(), rng);
        GptConfig shape = shape(config, data.tokenizer().vocabSize());
        model = switch (engine) {
            case "scalar" -> new Gpt(shape, rng);
            case "fast" -> new FastGpt(shape, rng);
            default -> throw new IllegalArgumentException("unknown engine " + engine);
        };
        optimizer = model.adam(schedule.beta1(), schedule.beta2(), schedule.epsilon());
        initialWeights = model.weights();
        List<String> train = data.train();
        documents = new int[STEPS][];
        for (int s = 0; s < STEPS; s++) {
            documents[s] = data.tokenizer().encode(train.get(s % train.size()));
        }
    }

    @Benchmark
    public double trainStep() {
        if (step == STEPS) {
            restart();
        }
        double loss = model.lossAndGradients(documents[step]);
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
            optimizer = model.adam(schedule.beta1(), schedule.beta2(), schedule.epsilon());
        }
        step = 0;
    }
}
