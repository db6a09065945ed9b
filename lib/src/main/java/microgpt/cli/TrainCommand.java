package microgpt.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import microgpt.InvalidInputException;
import microgpt.data.Dataset;
import microgpt.data.TrainingData;
import microgpt.fast.Threads;
import microgpt.io.Checkpoint;
import microgpt.io.CheckpointTarget;
import microgpt.nn.GptConfig;
import microgpt.nn.LanguageModel;
import microgpt.random.PythonRandom;
import microgpt.sample.Sampler;
import microgpt.train.ProgressPrinter;
import microgpt.train.Schedule;
import microgpt.train.TrainConfig;
import microgpt.train.Trainer;
import microgpt.train.TrainingDivergedException;
import microgpt.train.TrainingHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code train}: the reference run, or any variation of it. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a GPT, print its step losses, then sample from it.",
                "With no options this is the reference run: seed 42, 1,000 steps on the bundled names."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--steps", paramLabel = "N", description = "training steps, --batch-size documents each (default: ${DEFAULT-VALUE})")
    int steps = 1000;

    @Option(names = "--seed", paramLabel = "S", description = "seed for the shuffle, the initial weights and sampling (default: ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--n-layer", paramLabel = "N", description = "transformer blocks (default: ${DEFAULT-VALUE})")
    int nLayer = 1;

    @Option(names = "--n-embd", paramLabel = "N", description = "embedding width (default: ${DEFAULT-VALUE})")
    int nEmbd = 16;

    @Option(names = "--n-head", paramLabel = "N", description = "attention heads; must divide --n-embd (default: ${DEFAULT-VALUE})")
    int nHead = 4;

    @Option(names = "--block-size", paramLabel = "N", description = "longest context in tokens (default: ${DEFAULT-VALUE})")
    int blockSize = 16;

    @Option(names = "--lr", paramLabel = "RATE", description = "the full learning rate, after any --warmup; decayed to 0 by --schedule (default: ${DEFAULT-VALUE})")
    double learningRate = 0.01;

    @Option(names = "--batch-size", paramLabel = "B", description = "documents per step; the loss is the mean over all their tokens (default: ${DEFAULT-VALUE})")
    int batchSize = 1;

    @Option(names = "--weight-decay", paramLabel = "W", description = "AdamW's decoupled weight decay, w -= lr*W*w each step; 0 is plain Adam (default: ${DEFAULT-VALUE})")
    double weightDecay = 0;

    @Option(names = "--warmup", paramLabel = "N", description = "steps of linear warm-up to the full --lr before the decay (default: ${DEFAULT-VALUE})")
    int warmup = 0;

    @Option(names = "--schedule", paramLabel = "SHAPE", description = "decay of the learning rate after the warm-up to 0: linear or cosine (default: ${DEFAULT-VALUE})")
    String schedule = "linear";

    @Option(names = "--data", paramLabel = "FILE", description = "UTF-8 text file, one document per line, at most 64 MiB (default: the bundled names.txt)")
    Path dataFile;

    @Option(names = "--samples", paramLabel = "N", description = "samples to print after training, 0 for none (default: ${DEFAULT-VALUE})")
    int samples = 20;

    @Option(names = "--temperature", paramLabel = "T", description = "sampling temperature, > 0 (default: ${DEFAULT-VALUE})")
    double temperature = 0.5;

    @Option(names = "--eval-every", paramLabel = "N", description = "print the validation loss every N steps and at the end (default: off)")
    int evalEvery;

    @Option(names = "--save", paramLabel = "FILE", description = {"write the trained model to FILE, checked before training and written before sampling;",
                    "never over --data, a directory, a link or a device (see the README for the format)"})
    Path save;

    @Option(names = "--engine", paramLabel = "ENGINE",
            description = {"scalar (a graph of Values, as the reference) or fast (flat arrays): the same numbers;",
                    "simd (the Vector API, sums reordered: the same numbers but for the last bits) (default: ${DEFAULT-VALUE})"})
    Engine engine = Engine.fast;

    @Option(names = "--threads", paramLabel = "N",
            description = "threads of the fast engine, 1 to " + Threads.MAX + "; any number gives the same numbers (default: the machine's cores)")
    Integer threads;

    @Override
    public Integer call() {
        // Check every setting before any work, so a typo, a model too large or a bad --save fails at once.
        TrainConfig trainConfig = trainConfig();
        int threadCount = threads == null ? Threads.byDefault() : Threads.require(threads, "--threads");
        engine.requireMemory(new GptConfig(nLayer, nEmbd, nHead, blockSize, 2));
        if (samples < 0) {
            throw new InvalidInputException("--samples must be 0 or more, got " + samples);
        }
        Sampler.checkTemperature(temperature);
        if (evalEvery < 0) {
            throw new InvalidInputException("--eval-every must be a positive number of steps, got " + evalEvery);
        }
        if (save != null) {
            CheckpointTarget.requireWritable(save, dataFile);
        }

        if (batchSize > 1 && engine == Engine.scalar) {
            throw new InvalidInputException("--batch-size " + batchSize + " needs --engine fast or simd; the scalar engine trains on one document per step");
        }

        long start = System.nanoTime();
        PrintStream out = System.out;
        PythonRandom rng = new PythonRandom(seed);
        TrainingData data = TrainingData.prepare(dataFile == null ? Dataset.names() : Dataset.load(dataFile), rng);
        GptConfig config = new GptConfig(nLayer, nEmbd, nHead, blockSize, data.tokenizer().vocabSize());
        engine.requireMemory(config);
        LanguageModel model = engine.create(config, rng, threadCount);
        Output.println(out, "num docs: " + data.documents().size());
        Output.println(out, "vocab size: " + config.vocabSize());
        Output.println(out, "num params: " + config.parameterCount());

        Trainer trainer = new Trainer(model, data.tokenizer(), data.train(), trainConfig);
        if (evalEvery > 0) {
            trainer.evaluateEvery(evalEvery, data.validation().isEmpty() ? data.train() : data.validation());
        }
        boolean terminal = System.console() != null;
        // Ctrl-C stops at the next step boundary; the JVM's exit then waits until the model is saved.
        try (StopOnSignal stopOnSignal = new StopOnSignal(trainer)) {
            TrainingHistory history;
            try {
                history = trainer.train(Output.checked(new ProgressPrinter(out, terminal), out));
            } catch (TrainingDivergedException e) {
                if (terminal) {
                    out.println(); // end the progress line, so that the error gets a line of its own
                }
                throw e;
            }

            // Save first: nothing after this (sampling, a closed pipe) can lose the trained model.
            if (save != null) {
                Checkpoint.save(save, model, data.tokenizer(), history.size());
                Output.println(out, "saved model to " + save);
            }
            if (samples > 0 && !history.interrupted()) {
                Output.println(out, "");
                Output.println(out, "--- samples (temperature " + temperature + ") ---");
                Sampler sampler = new Sampler(model, data.tokenizer(), rng);
                for (int i = 0; i < samples; i++) {
                    Output.println(out, String.format("sample %2d: %s", i + 1, sampler.sample(temperature)));
                }
            }
            double wallSeconds = (System.nanoTime() - start) / 1e9;
            Output.println(out, ProgressPrinter.summary(history, wallSeconds));
            return history.interrupted() ? StopOnSignal.EXIT_INTERRUPTED : 0;
        }
    }

    /** The training settings of the options, each checked: a bad one is one line naming its option. */
    private TrainConfig trainConfig() {
        if (batchSize < 1 || batchSize > TrainConfig.MAX_BATCH_SIZE) {
            throw new InvalidInputException("--batch-size must be from 1 to " + TrainConfig.MAX_BATCH_SIZE + " documents, got " + batchSize);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new InvalidInputException("--weight-decay must be 0 or a positive number, got " + weightDecay);
        }
        if (warmup < 0 || (steps > 0 && warmup >= steps)) {
            throw new InvalidInputException("--warmup must be 0 or more steps and fewer than --steps (" + steps + "), got " + warmup);
        }
        return TrainConfig.reference().withSteps(steps).withLearningRate(learningRate)
                .withBatchSize(batchSize).withWeightDecay(weightDecay).withWarmup(warmup)
                .withSchedule(Schedule.parse(schedule, "--schedule"));
    }
}
