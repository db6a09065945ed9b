package microgpt.data;

import java.util.List;
import microgpt.random.PythonRandom;

/**
 * Documents made ready for training, as the reference prepares them: shuffled once with the
 * seeded generator, then a tokenizer over all their characters. The first 90% train; the last
 * 10% are held out for validation (see {@link Dataset}).
 *
 * @param documents all documents, shuffled
 * @param tokenizer the characters of all documents, plus BOS
 */
public record TrainingData(Dataset documents, Tokenizer tokenizer) {

    /** Shuffles the dataset with {@code rng} (advancing it) and fits the tokenizer. */
    public static TrainingData prepare(Dataset dataset, PythonRandom rng) {
        Dataset shuffled = dataset.shuffled(rng);
        return new TrainingData(shuffled, Tokenizer.fit(shuffled.documents()));
    }

    public List<String> train() {
        return documents.train();
    }

    public List<String> validation() {
        return documents.validation();
    }
}
