package microgpt.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import microgpt.InvalidInputException;
import microgpt.data.Bigram;
import microgpt.data.TrainingData;
import microgpt.nn.LanguageModel;

/**
 * The course's table of models, carried from chapter to chapter: each model with its size and its loss on the
 * held-out validation documents, so that a learner sees what each step bought. Chapter 01 starts it with the two
 * baselines; later chapters add the GPTs they train.
 */
public final class ModelTable {

    /**
     * One model.
     *
     * @param model          what it is
     * @param parameters     how many numbers it learned (counts, for the bigram)
     * @param validationLoss its mean per-token loss on the validation documents
     */
    public record Row(String model, long parameters, double validationLoss) {}

    private final List<Row> rows = new ArrayList<>();

    /**
     * The two baselines on this data: the uniform guess (every token equally likely: exactly ln V) and the bigram
     * model counted on the training documents (add-one smoothing), both scored on the validation documents.
     */
    public static ModelTable baselines(TrainingData data, int blockSize) {
        if (data.validation().isEmpty()) {
            throw new InvalidInputException("the data has no validation documents to score models on; use a larger data file");
        }
        int v = data.tokenizer().vocabSize();
        Bigram bigram = Bigram.count(data.tokenizer(), data.train(), 1.0);
        return new ModelTable()
                .add(new Row("uniform guess (ln " + v + ")", 0, Math.log(v)))
                .add(new Row("bigram (counted pairs)", bigram.parameterCount(), bigram.meanLoss(data.validation(), blockSize)));
    }

    /** Adds a row. */
    public ModelTable add(Row row) {
        rows.add(row);
        return this;
    }

    /** Scores a trained GPT on the validation documents and adds it. */
    public ModelTable add(String name, LanguageModel model, TrainingData data) {
        double loss = Evaluator.meanLoss(model, data.tokenizer(), data.validation());
        return add(new Row(name, model.config().parameterCount(), loss));
    }

    public List<Row> rows() {
        return Collections.unmodifiableList(rows);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-34s %10s %15s%n", "model", "parameters", "validation loss"));
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "%-34s %,10d %15.4f%n", r.model(), r.parameters(), r.validationLoss()));
        }
        return out.toString();
    }
}
