package microgpt.data;

import java.util.List;
import microgpt.InvalidInputException;
import microgpt.random.PythonRandom;

/**
 * The simplest model that learns something: the next token is predicted from the current token alone, by how
 * often each pair of tokens followed one another in the training documents. Chapter 01 builds it as the
 * baseline the GPT has to beat.
 *
 * <p>P(j | i) = (N_ij + k) / (Σ_l N_il + k·V), with add-k smoothing: a pair never seen in training still gets a
 * little probability, so a validation document can never cost an infinite loss.
 */
public final class Bigram {

    private final Tokenizer tokenizer;
    private final long[][] counts;
    private final double[][] probabilities;

    private Bigram(Tokenizer tokenizer, long[][] counts, double smoothing) {
        this.tokenizer = tokenizer;
        this.counts = counts;
        int v = tokenizer.vocabSize();
        this.probabilities = new double[v][v];
        for (int i = 0; i < v; i++) {
            long rowTotal = 0;
            for (long c : counts[i]) {
                rowTotal += c;
            }
            for (int j = 0; j < v; j++) {
                probabilities[i][j] = (counts[i][j] + smoothing) / (rowTotal + smoothing * v);
            }
        }
    }

    /** Counts every pair of consecutive tokens of the documents (BOS, letters, BOS), with add-{@code smoothing}. */
    public static Bigram count(Tokenizer tokenizer, List<String> documents, double smoothing) {
        if (!(smoothing > 0) || Double.isInfinite(smoothing)) {
            throw new InvalidInputException("the smoothing must be a positive number (1 is add-one smoothing), got " + smoothing);
        }
        if (documents.isEmpty()) {
            throw new InvalidInputException("a bigram model needs at least one document to count pairs in");
        }
        int v = tokenizer.vocabSize();
        long[][] counts = new long[v][v];
        for (String doc : documents) {
            int[] tokens = tokenizer.encode(doc);
            for (int t = 0; t + 1 < tokens.length; t++) {
                counts[tokens[t]][tokens[t + 1]]++;
            }
        }
        return new Bigram(tokenizer, counts, smoothing);
    }

    /** N[i][j]: how often token j followed token i (a copy). */
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    /** P[i][j], the probability that token j follows token i (a copy); every row sums to 1. */
    public double[][] probabilities() {
        double[][] copy = new double[probabilities.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = probabilities[i].clone();
        }
        return copy;
    }

    /**
     * The mean per-token loss −log P(next | current) over the documents, each scored on its first
     * min(blockSize, length − 1) predictions: the positions a GPT with that block size is scored on.
     */
    public double meanLoss(List<String> documents, int blockSize) {
        if (documents.isEmpty() || blockSize < 1) {
            throw new InvalidInputException("meanLoss needs documents and a block size of at least 1, got "
                    + documents.size() + " documents and block size " + blockSize);
        }
        double sum = 0;
        long count = 0;
        for (String doc : documents) {
            int[] tokens = tokenizer.encode(doc);
            int n = Math.min(blockSize, tokens.length - 1);
            for (int t = 0; t < n; t++) {
                sum += -Math.log(probabilities[tokens[t]][tokens[t + 1]]);
                count++;
            }
        }
        return sum / count;
    }

    /** One new document: from BOS, draw each next token from the current token's row, until BOS or blockSize tokens. */
    public String sample(PythonRandom rng, int blockSize) {
        StringBuilder out = new StringBuilder();
        int token = tokenizer.bos();
        for (int t = 0; t < blockSize; t++) {
            token = rng.choice(probabilities[token]);
            if (token == tokenizer.bos()) {
                break;
            }
            out.append(tokenizer.tokenName(token));
        }
        return out.toString();
    }

    /** The number of counts the model holds: V × V. */
    public int parameterCount() {
        return counts.length * counts.length;
    }
}
