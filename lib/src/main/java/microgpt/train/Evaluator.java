package microgpt.train;

import java.util.List;
import microgpt.InvalidInputException;
import microgpt.data.Tokenizer;
import microgpt.nn.Decoder;
import microgpt.nn.LanguageModel;
import microgpt.nn.Ops;

/** Measures how well a model predicts documents it may never have seen. */
public final class Evaluator {

    private Evaluator() {}

    /**
     * The mean per-token loss: the cross-entropy of every predicted next token, over every
     * position the model is trained on (the first min(block_size, length − 1) of each document),
     * averaged over all those tokens. Forward only: no graph, no gradients, one decoder reused
     * for every document.
     */
    public static double meanLoss(LanguageModel model, Tokenizer tokenizer, List<String> documents) {
        if (documents.isEmpty()) {
            throw new InvalidInputException("cannot evaluate on an empty list of documents");
        }
        Decoder decoder = model.decoder();
        double sum = 0;
        long count = 0;
        for (String doc : documents) {
            int[] tokens = tokenizer.encode(doc);
            int n = model.positions(tokens);
            decoder.reset();
            for (int pos = 0; pos < n; pos++) {
                sum += Ops.crossEntropy(decoder.next(tokens[pos]), tokens[pos + 1]);
                count++;
            }
        }
        return sum / count;
    }
}
