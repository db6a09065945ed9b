package microgpt.web;

import java.util.List;
import microgpt.InvalidInputException;
import microgpt.data.Dataset;
import microgpt.data.TrainingData;
import microgpt.fast.FastGpt;
import microgpt.nn.GptConfig;
import microgpt.nn.Ops;
import microgpt.random.PythonRandom;
import microgpt.sample.Sampler;
import microgpt.train.Evaluator;
import microgpt.train.StepResult;
import microgpt.train.TrainConfig;
import microgpt.train.Trainer;
import org.teavm.jso.JSExport;

/**
 * The library's API for the playground page, exported from the WebAssembly module to JavaScript.
 * One run at a time, driven by the page's worker: {@link #create}, then {@link #step} as often as
 * it likes, {@link #sample} and {@link #nextLetter} in between. Every number comes from the
 * library itself (the fast engine, single-threaded), so the reference run gives the CLI's numbers.
 *
 * <p>Bad settings do not throw into JavaScript: {@link #create} answers {@code {"error": ...}}
 * with the library's one-line message.
 */
public final class Playground {

    private static TrainingData data;
    private static FastGpt model;
    private static Trainer trainer;
    private static PythonRandom rng;   // the run's generator: shuffle, weights, then samples, as the CLI
    private static Sampler sampler;    // made after the first sample: the generator is then where the CLI's is
    private static List<String> validation;
    private static int plannedSteps;

    private Playground() {}

    /** The WebAssembly module's entry point; the work starts with {@link #create}. */
    public static void main(String[] args) {}

    /**
     * A fresh run on the documents of {@code text} (one per line), as {@code microgpt train} with
     * these options would start it. Answers {@code {"docs", "vocab", "params", "steps"}} or
     * {@code {"error"}}.
     */
    @JSExport
    public static String create(String text, int seed, int nLayer, int nEmbd, int nHead, int blockSize, int steps, double learningRate) {
        try {
            TrainConfig trainConfig = TrainConfig.reference().withSteps(steps).withLearningRate(learningRate);
            new GptConfig(nLayer, nEmbd, nHead, blockSize, 2);  // checks the shape before the data is shuffled
            PythonRandom random = new PythonRandom(seed);
            TrainingData prepared = TrainingData.prepare(Dataset.fromText(text, "the names file"), random);
            GptConfig config = new GptConfig(nLayer, nEmbd, nHead, blockSize, prepared.tokenizer().vocabSize());
            FastGpt fresh = FastGpt.singleThreaded(config, random);
            Trainer fresher = new Trainer(fresh, prepared.tokenizer(), prepared.train(), trainConfig);
            data = prepared;
            model = fresh;
            trainer = fresher;
            rng = random;
            sampler = null;
            plannedSteps = steps;
            validation = prepared.validation().isEmpty() ? prepared.train() : prepared.validation();
            return new Json().open('{').key("docs").number(prepared.documents().size()).key("vocab").number(config.vocabSize())
                    .key("params").number(config.parameterCount()).key("steps").number(steps).close('}').toString();
        } catch (InvalidInputException e) {
            return new Json().open('{').key("error").string(e.getMessage()).close('}').toString();
        }
    }

    /** Runs the next training step; returns its loss (NaN when every step is done or no run exists). */
    @JSExport
    public static double step() {
        if (remaining() <= 0) {
            return Double.NaN;
        }
        StepResult result = trainer.stepOnce();
        return result.loss();
    }

    /** How many steps are left in the run. */
    @JSExport
    public static int remaining() {
        return trainer == null ? 0 : plannedSteps - trainer.stepsDone();
    }

    /** The mean loss per token over the first {@code count} held-out documents (all of them if fewer). */
    @JSExport
    public static double validationLoss(int count) {
        return Evaluator.meanLoss(model, data.tokenizer(), validation.subList(0, Math.max(1, Math.min(count, validation.size()))));
    }

    /** One new name at this temperature, from the run's generator: after the reference run, the CLI's 20 in order. */
    @JSExport
    public static String sample(double temperature) {
        try {
            if (sampler == null) {
                sampler = new Sampler(model, data.tokenizer(), rng);
            }
            return sampler.sample(temperature);
        } catch (InvalidInputException e) {
            return "error: " + e.getMessage();
        }
    }

    /**
     * What the model expects after {@code prefix} (read from BOS): {@code {"tokens": [...],
     * "probs": [...], "attention": [layer][head][position]}}, the attention of the last position
     * read; the prefix is cut to fit the context. Letters outside the vocabulary give {@code {"error"}}.
     */
    @JSExport
    public static String nextLetter(String prefix) {
        try {
            int[] letters = data.tokenizer().encode(prefix);  // BOS, the letters, BOS
            int keep = Math.min(letters.length - 1, model.config().blockSize());
            int[] context = new int[keep];
            context[0] = data.tokenizer().bos();
            System.arraycopy(letters, letters.length - keep, context, 1, keep - 1);  // the last letters that fit
            double[] probs = Ops.softmax(model.logits(context));
            Json json = new Json().open('{').key("tokens").open('[');
            for (int token : context) {
                json.string(data.tokenizer().tokenName(token));
            }
            json.close(']').key("vocab").open('[');
            for (int id = 0; id < probs.length; id++) {
                json.string(data.tokenizer().tokenName(id));
            }
            json.close(']').key("probs").numbers(probs).key("attention").open('[');
            for (double[][] layer : model.lastAttention(context)) {
                json.open('[');
                for (double[] head : layer) {
                    json.numbers(head);
                }
                json.close(']');
            }
            return json.close(']').close('}').toString();
        } catch (InvalidInputException e) {
            return new Json().open('{').key("error").string(e.getMessage()).close('}').toString();
        }
    }
}
