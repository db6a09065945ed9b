package microgpt.train;

import java.util.List;
import microgpt.InvalidInputException;
import microgpt.data.Tokenizer;
import microgpt.nn.Gpt;
import microgpt.nn.KvCache;
import microgpt.nn.Ops;

/** Measures how well a model predicts documents it may never have seen. */
public final class Evaluator {

    private Evaluator() {}

    /**
     * The mean per-token loss: the cross-entropy of every predicted next token, over every
     * position the model is trained on (the first min(block_size, length − 1) of each document),
     * averaged over all those tokens.
     */
    public static double meanLoss(Gpt model, Tokenizer tokenizer, List<String> documents) {
        if (documents.isEmpty()) {
            throw new InvalidInputException("cannot evaluate on an empty list of documents");
        }
        double sum = 0;
        long count = 0;
        for (String doc : documents) {
            int[] tokens = tokenizer.encode(doc);
            int n = model.positions(tokens);
            KvCache cache = new KvCache(model.config().nLayer());
            for (int pos = 0; pos < n; pos++) {
                sum += Ops.crossEntropy(model.forward(tokens[pos], pos, cache), tokens[pos + 1]).data;
                count++;
            }
        }
        return sum / count;
    }
}
