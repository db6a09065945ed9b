package microgpt.train;

import java.util.ArrayList;
import java.util.List;
import microgpt.InvalidInputException;
import microgpt.data.Tokenizer;
import microgpt.nn.LanguageModel;
import microgpt.optim.Optimizer;

/**
 * The training loop: step s takes the B training documents s·B … s·B + B − 1 (mod N) of the
 * shuffled order (B = 1: document s mod N), computes their loss, the mean over all their
 * predictions, backpropagates, and lets Adam (AdamW with a weight decay) update every weight with
 * the learning rate of the schedule. It works with either engine of {@link LanguageModel}: the
 * scalar {@code Gpt} or the fast {@code FastGpt} (which alone takes batches of more than one).
 *
 * <p>A trainer runs one schedule of {@code config.steps()} steps. If its thread is interrupted
 * (the notebook's stop button) or another thread calls {@link #requestStop()} (the command line's
 * Ctrl-C handler), it stops at the next step boundary: the model is left as of the last finished
 * step, and calling {@link #train} again resumes from there.
 */
public final class Trainer {

    private final LanguageModel model;
    private final Tokenizer tokenizer;
    private final List<String> trainDocs;
    private final TrainConfig config;
    private final Optimizer adam;
    private final TrainingHistory history = new TrainingHistory();
    private List<String> validationDocs = List.of();
    private int evaluateEvery;
    private int nextStep; // 0-based index of the next step to run
    private volatile boolean stopRequested; // set by another thread; read between steps

    public Trainer(LanguageModel model, Tokenizer tokenizer, List<String> trainDocs, TrainConfig config) {
        if (trainDocs.isEmpty()) {
            throw new InvalidInputException("there are no training documents; give a data file with at least one non-blank line");
        }
        if (tokenizer.vocabSize() != model.config().vocabSize()) {
            throw new InvalidInputException("the tokenizer has " + tokenizer.vocabSize() + " tokens but the model expects "
                    + model.config().vocabSize());
        }
        if (config.batchSize() > 1 && !model.takesBatches()) {
            throw new InvalidInputException("a batch of " + config.batchSize() + " documents a step needs the fast engine (FastGpt); "
                    + "this model trains on one document per step");
        }
        this.model = model;
        this.tokenizer = tokenizer;
        this.trainDocs = List.copyOf(trainDocs);
        this.config = config;
        this.adam = model.adamW(config.beta1(), config.beta2(), config.epsilon(), config.weightDecay());
    }

    /** Also measures the validation loss on these documents every {@code every} steps and after the last. */
    public Trainer evaluateEvery(int every, List<String> documents) {
        if (every <= 0) {
            throw new InvalidInputException("the evaluation interval must be a positive number of steps, got " + every);
        }
        if (documents.isEmpty()) {
            throw new InvalidInputException("there are no validation documents to evaluate on; use a larger data file");
        }
        this.evaluateEvery = every;
        this.validationDocs = List.copyOf(documents);
        return this;
    }

    /**
     * Runs the remaining steps, telling the listener about each one. Returns the history so far.
     * Throws {@link TrainingDivergedException} at the first step whose loss is not finite.
     */
    public TrainingHistory train(TrainingListener listener) {
        history.markResumed();
        listener.onStart(config.steps());
        while (nextStep < config.steps()) {
            if (stopRequested || Thread.currentThread().isInterrupted()) {
                stopRequested = false; // honoured: the next train() call resumes
                history.markInterrupted();
                break;
            }
            StepResult result = step();
            history.add(result);
            listener.onStep(result);
            if (evaluateEvery > 0 && (result.step() % evaluateEvery == 0 || result.step() == config.steps())) {
                double loss = Evaluator.meanLoss(model, tokenizer, validationDocs);
                history.addEvaluation(result.step(), loss);
                listener.onEvaluation(result.step(), loss);
            }
        }
        listener.onFinish(history);
        return history;
    }

    /**
     * Asks {@link #train} to stop at the next step boundary, as an interrupt does. Safe to call
     * from any thread, e.g. a shutdown hook or a listener; a request made before training starts
     * stops it before the first step.
     */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Runs the next step only and records it, for a caller that drives the loop itself (the
     * browser playground's worker, between messages). Same numbers as {@link #train}.
     */
    public StepResult stepOnce() {
        if (nextStep >= config.steps()) {
            throw new InvalidInputException("all " + config.steps() + " steps are done; start a new run to train more");
        }
        StepResult result = step();
        history.add(result);
        return result;
    }

    /** Runs the remaining steps silently. */
    public TrainingHistory train() {
        return train(TrainingListener.SILENT);
    }

    /** One step: forward, backward, update. */
    private StepResult step() {
        long start = System.nanoTime();
        int s = nextStep;
        List<int[]> batch = batch(s);
        double loss = model.lossAndGradients(batch);
        if (!Double.isFinite(loss)) { // stop at once: every later step, sample and checkpoint would be NaN
            throw new TrainingDivergedException(s + 1, config.steps(), loss, config.learningRate());
        }
        double learningRate = config.learningRateAt(s);
        adam.step(learningRate);
        nextStep++;
        return new StepResult(s + 1, config.steps(), loss, learningRate, System.nanoTime() - start, predictions(batch));
    }

    /** The next-token predictions of a batch, the tokens that count for tokens per second. */
    private int predictions(List<int[]> batch) {
        int total = 0;
        for (int[] tokens : batch) {
            total += model.positions(tokens);
        }
        return total;
    }

    /** The tokens of the documents of the 0-based step {@code s}: s·B … s·B + B − 1, each mod N. */
    private List<int[]> batch(int s) {
        int size = config.batchSize();
        List<int[]> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            batch.add(tokenizer.encode(trainDocs.get((int) (((long) s * size + i) % trainDocs.size()))));
        }
        return batch;
    }

    public TrainingHistory history() {
        return history;
    }

    public LanguageModel model() {
        return model;
    }

    /** How many steps have finished. */
    public int stepsDone() {
        return nextStep;
    }

    /** The training documents, in the order the steps walk them. */
    public List<String> trainDocs() {
        return new ArrayList<>(trainDocs);
    }
}
