package microgpt.train;

import java.util.ArrayList;
import java.util.List;
import microgpt.InvalidInputException;
import microgpt.data.Tokenizer;
import microgpt.nn.LanguageModel;

/** Measures how well a model predicts documents it may never have seen. */
public final class Evaluator {

    private Evaluator() {}

    /**
     * The mean per-token loss: the cross-entropy of every predicted next token, over every
     * position the model is trained on (the first min(block_size, length − 1) of each document),
     * averaged over all those tokens, summed in document order. Forward only: no graph, no
     * gradients (see {@link LanguageModel#tokenLosses(List)}).
     */
    public static double meanLoss(LanguageModel model, Tokenizer tokenizer, List<String> documents) {
        if (documents.isEmpty()) {
            throw new InvalidInputException("cannot evaluate on an empty list of documents");
        }
        List<int[]> encoded = new ArrayList<>(documents.size());
        for (String doc : documents) {
            encoded.add(tokenizer.encode(doc));
        }
        double sum = 0;
        long count = 0;
        for (double[] losses : model.tokenLosses(encoded)) {
            for (double loss : losses) {
                sum += loss;
                count++;
            }
        }
        return sum / count;
    }
}
