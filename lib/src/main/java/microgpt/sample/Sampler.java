package microgpt.sample;

import java.util.ArrayList;
import java.util.List;
import microgpt.InvalidInputException;
import microgpt.data.Tokenizer;
import microgpt.nn.Decoder;
import microgpt.nn.LanguageModel;
import microgpt.nn.Ops;
import microgpt.random.PythonRandom;

/**
 * Writes new documents: from BOS at position 0, the model gives logits for the next token; they
 * are divided by the temperature, turned into probabilities, and one token is drawn. That token
 * is fed back in, until the model draws BOS (the end) or the context is full. Either engine of
 * {@link LanguageModel} gives the same samples.
 */
public final class Sampler {

    private final LanguageModel model;
    private final Tokenizer tokenizer;
    private final PythonRandom rng;

    public Sampler(LanguageModel model, Tokenizer tokenizer, PythonRandom rng) {
        if (tokenizer.vocabSize() != model.config().vocabSize()) {
            throw new InvalidInputException("the tokenizer has " + tokenizer.vocabSize() + " tokens but the model expects "
                    + model.config().vocabSize());
        }
        this.model = model;
        this.tokenizer = tokenizer;
        this.rng = rng;
    }

    /** One new document. Low temperatures pick likely tokens; high ones explore. */
    public String sample(double temperature) {
        checkTemperature(temperature);
        Decoder decoder = model.decoder();
        // Dividing a Value by a constant multiplies by its power -1; so does this, to round the same.
        double inverseTemperature = Math.pow(temperature, -1);
        int token = tokenizer.bos();
        List<Integer> out = new ArrayList<>();
        for (int pos = 0; pos < model.config().blockSize(); pos++) {
            double[] scaled = decoder.next(token).clone();
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] *= inverseTemperature;
                if (!Double.isFinite(scaled[i])) { // softmax would turn it into NaNs and the draw into nonsense
                    throw new InvalidInputException("the model's logit for token " + i + " at position " + pos + " divided by the temperature "
                            + temperature + " is " + scaled[i] + "; use a larger temperature, or a model that did not diverge");
                }
            }
            token = rng.choice(Ops.softmax(scaled));
            if (token == tokenizer.bos()) {
                break;
            }
            out.add(token);
        }
        return tokenizer.decode(out.stream().mapToInt(Integer::intValue).toArray());
    }

    /** {@code count} new documents, one after another from the same generator. */
    public List<String> sample(int count, double temperature) {
        checkCount(count);
        checkTemperature(temperature);
        List<String> samples = new ArrayList<>(Math.min(count, 1024)); // grows as needed: a huge count fails by memory, not at once
        for (int i = 0; i < count; i++) {
            samples.add(sample(temperature));
        }
        return samples;
    }

    /** Refuses a temperature that is not a positive, finite number. */
    public static void checkTemperature(double temperature) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new InvalidInputException("the temperature must be a positive number, got " + temperature
                    + " (0.5 is the reference; lower is more conservative)");
        }
        if (Double.isInfinite(Math.pow(temperature, -1))) {
            throw new InvalidInputException("the temperature " + temperature + " is too small: dividing by it overflows;"
                    + " use at least 1e-300 (0.5 is the reference; lower is more conservative)");
        }
    }

    /** Refuses a sample count that is not positive. */
    public static void checkCount(int count) {
        if (count <= 0) {
            throw new InvalidInputException("the number of samples must be positive, got " + count);
        }
    }
}
