package microgpt.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import microgpt.InvalidInputException;
import microgpt.autograd.Value;
import microgpt.optim.Adam;
import microgpt.optim.Optimizer;
import microgpt.random.PythonRandom;

/**
 * The GPT of the reference, on scalar {@link Value}s: token and position embeddings, then per
 * layer an attention block and an MLP block, each with RMSNorm and a residual connection, then
 * the language-model head. Every weight is a {@link Value}, so the loss can be backpropagated.
 * This is the scalar engine of {@link LanguageModel}.
 */
public final class Gpt implements LanguageModel {

    /** The standard deviation of the initial weights. */
    public static final double INIT_STD = 0.08;

    private final GptConfig config;
    private final Map<String, Value[][]> stateDict = new LinkedHashMap<>();
    private final List<Value> parameters = new ArrayList<>();

    /** A fresh model whose weights are drawn from gauss(0, 0.08), matrix by matrix, row by row. */
    public Gpt(GptConfig config, PythonRandom rng) {
        this(config, () -> rng.gauss(0, INIT_STD));
    }

    /** A model with the given weights, in parameter order (as {@link #weights()} returns them). */
    public static Gpt withWeights(GptConfig config, double[] weights) {
        return new Gpt(config, config.inParameterOrder(weights));
    }

    private Gpt(GptConfig config, DoubleSupplier init) {
        MemoryEstimate.require(config, MemoryEstimate.scalarModelBytes(config), "the scalar engine's weights");
        this.config = config;
        int e = config.nEmbd();
        // The order of the matrices is the order of the random draws: it must match the reference.
        addMatrix("wte", config.vocabSize(), e, init);
        addMatrix("wpe", config.blockSize(), e, init);
        addMatrix("lm_head", config.vocabSize(), e, init);
        for (int i = 0; i < config.nLayer(); i++) {
            addMatrix("layer" + i + ".attn_wq", e, e, init);
            addMatrix("layer" + i + ".attn_wk", e, e, init);
            addMatrix("layer" + i + ".attn_wv", e, e, init);
            addMatrix("layer" + i + ".attn_wo", e, e, init);
            addMatrix("layer" + i + ".mlp_fc1", 4 * e, e, init);
            addMatrix("layer" + i + ".mlp_fc2", e, 4 * e, init);
        }
    }

    private void addMatrix(String name, int rows, int cols, DoubleSupplier init) {
        Value[][] matrix = new Value[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                matrix[r][c] = new Value(init.getAsDouble());
                parameters.add(matrix[r][c]);
            }
        }
        stateDict.put(name, matrix);
    }

    @Override
    public GptConfig config() {
        return config;
    }

    /** The weight matrices by name, in parameter order; each is [out][in]. */
    public Map<String, Value[][]> stateDict() {
        return Collections.unmodifiableMap(stateDict);
    }

    /** One weight matrix by name, e.g. {@code "wte"} or {@code "layer0.attn_wq"}. */
    public Value[][] matrix(String name) {
        Value[][] m = stateDict.get(name);
        if (m == null) {
            throw new InvalidInputException("no weight matrix named '" + name + "'; the model has " + stateDict.keySet());
        }
        return m;
    }

    /** Every weight, matrix by matrix and row by row: the order of the optimizer and of checkpoints. */
    public List<Value> parameters() {
        return Collections.unmodifiableList(parameters);
    }

    /** The logits for the next token, given one token at one position; appends to the cache. */
    public List<Value> forward(int token, int position, KvCache cache) {
        config.requireToken(token);
        if (position < 0 || position >= config.blockSize()) {
            throw new InvalidInputException("position " + position + " is outside the context of " + config.blockSize()
                    + " tokens (block_size); shorten the input or use a model with a larger block_size");
        }
        List<Value> x = Ops.add(List.of(matrix("wte")[token]), List.of(matrix("wpe")[position]));
        x = Ops.rmsnorm(x);
        for (int layer = 0; layer < config.nLayer(); layer++) {
            x = attentionBlock(layer, x, cache);
            x = mlpBlock(layer, x);
        }
        return Ops.linear(x, matrix("lm_head"));
    }

    private List<Value> attentionBlock(int layer, List<Value> x, KvCache cache) {
        List<Value> residual = x;
        x = Ops.rmsnorm(x);
        String p = "layer" + layer + ".";
        List<Value> q = Ops.linear(x, matrix(p + "attn_wq"));
        List<Value> k = Ops.linear(x, matrix(p + "attn_wk"));
        List<Value> v = Ops.linear(x, matrix(p + "attn_wv"));
        cache.append(layer, k, v);
        List<Value> heads = Attention.multiHead(q, cache.keys(layer), cache.values(layer), config.nHead());
        return Ops.add(Ops.linear(heads, matrix(p + "attn_wo")), residual);
    }

    private List<Value> mlpBlock(int layer, List<Value> x) {
        List<Value> residual = x;
        x = Ops.rmsnorm(x);
        String p = "layer" + layer + ".";
        List<Value> hidden = new ArrayList<>();
        for (Value h : Ops.linear(x, matrix(p + "mlp_fc1"))) {
            hidden.add(h.relu());
        }
        return Ops.add(Ops.linear(hidden, matrix(p + "mlp_fc2")), residual);
    }

    /**
     * The training loss of one document: the mean cross-entropy of predicting each next token,
     * over the first min(block_size, length − 1) positions.
     */
    public Value loss(int[] tokens) {
        int n = positions(tokens);
        for (int p = 0; p <= n; p++) {
            config.requireToken(tokens[p]); // the last target too, before any of the graph is built
        }
        MemoryEstimate.require(config, MemoryEstimate.scalarEngineBytes(config, n),
                "the scalar engine's graph of a " + n + "-position document");
        KvCache cache = new KvCache(config.nLayer());
        List<Value> losses = new ArrayList<>(n);
        for (int pos = 0; pos < n; pos++) {
            losses.add(Ops.crossEntropy(forward(tokens[pos], pos, cache), tokens[pos + 1]));
        }
        return Value.sum(losses).mul(1.0 / n);
    }

    /** How many positions of this document the model is trained on. */
    @Override
    public int positions(int[] tokens) {
        if (tokens.length < 2) {
            throw new InvalidInputException("a document needs at least two tokens (BOS and one more) to predict anything, got " + tokens.length);
        }
        return Math.min(config.blockSize(), tokens.length - 1);
    }

    /** The logits after reading the given tokens from position 0, as plain numbers. */
    public double[] logits(int[] context) {
        if (context.length == 0) {
            throw new InvalidInputException("logits need at least one context token");
        }
        KvCache cache = new KvCache(config.nLayer());
        List<Value> logits = null;
        for (int pos = 0; pos < context.length; pos++) {
            logits = forward(context[pos], pos, cache);
        }
        return logits.stream().mapToDouble(v -> v.data).toArray();
    }

    /**
     * Builds this document's graph, backpropagates through it, and returns the loss. A model so
     * far diverged that a target's probability rounds to 0 has the loss −log 0 = +∞, as the fast
     * engine reports it; no gradient is added then, since {@link Value#log()} refuses log(0).
     */
    @Override
    public double lossAndGradients(int[] tokens) {
        Value loss;
        try {
            loss = loss(tokens);
        } catch (ArithmeticException probabilityZero) {
            return Double.POSITIVE_INFINITY;
        }
        loss.backward();
        return loss.data;
    }

    @Override
    public Optimizer adamW(double beta1, double beta2, double epsilon, double weightDecay) {
        return new Adam(parameters, beta1, beta2, epsilon, weightDecay);
    }

    /** A decoder that runs {@link #forward} with a {@link KvCache} and hands back the logits' values. */
    @Override
    public Decoder decoder() {
        return new Decoder() {
            private KvCache cache = new KvCache(config.nLayer());
            private int position;

            @Override
            public double[] next(int token) {
                List<Value> logits = forward(token, position, cache);
                position++;
                double[] out = new double[logits.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = logits.get(i).data;
                }
                return out;
            }

            @Override
            public int position() {
                return position;
            }

            @Override
            public void reset() {
                cache = new KvCache(config.nLayer());
                position = 0;
            }
        };
    }

    /** A copy of every weight, in parameter order. */
    @Override
    public double[] weights() {
        double[] w = new double[parameters.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = parameters.get(i).data;
        }
        return w;
    }

    /** Overwrites every weight, in parameter order. */
    @Override
    public void setWeights(double[] w) {
        config.requireWeightCount(w.length);
        for (int i = 0; i < w.length; i++) {
            parameters.get(i).data = w[i];
        }
    }

    @Override
    public String toString() {
        return "Gpt" + config + " with " + parameters.size() + " parameters";
    }
}
