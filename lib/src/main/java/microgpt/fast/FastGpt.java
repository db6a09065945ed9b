package microgpt.fast;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleSupplier;
import microgpt.InvalidInputException;
import microgpt.nn.Decoder;
import microgpt.nn.Gpt;
import microgpt.nn.GptConfig;
import microgpt.nn.LanguageModel;
import microgpt.nn.MemoryEstimate;
import microgpt.optim.Optimizer;
import microgpt.random.PythonRandom;

/**
 * The fast engine: the same GPT as {@link Gpt}, with its weights and gradients in two flat
 * {@code double[]} arrays, a forward pass ({@link Forward}) and a hand-derived backward pass
 * ({@link Backward}) written out layer by layer, and every buffer allocated once. A training step
 * builds no graph and allocates nothing (in a model large enough to share its loops with a second
 * thread, only the small lambda of each shared loop: a few kilobytes a step).
 *
 * <p>It computes what the scalar engine computes, in the same order, so from the same weights and
 * the same documents it gives the same losses, the same weights after every step and the same
 * samples, bit for bit (and the same gradients; only where a gradient is exactly zero may its sign
 * differ, which no update depends on). Use it to train; use {@link Gpt} to see how the gradients
 * come about.
 *
 * <p>A batch of documents is shared between the model's threads ({@link DataParallel}: by default
 * one per core, {@code -Dmicrogpt.threads=N} or {@link #withThreads} to choose). With one document,
 * in a model too large for one core's cache (not the reference's), the big matrix products, the
 * attention heads and Adam are shared with a second thread instead. Either way each number is
 * computed by one thread in one order, so the results do not depend on the number of threads.
 *
 * <p>Not thread-safe: one training thread at a time. Each {@link #decoder()} has buffers of its own.
 */
public final class FastGpt implements LanguageModel {

    private final GptConfig config;
    private final Layout layout;
    private final double[] weights;
    private final double[] gradients;
    private final Activations activations;   // the training step's forward pass
    private final Forward forward;
    private final Backward backward;
    private final Team team;                 // who runs the big loops: this thread, or two
    private final DataParallel batches;      // who runs a batch's documents: this thread, or more
    private final Kernels kernels;           // how the matrix products are computed (see Kernels)
    private final TransposedWeights transposed;   // the weights as the forward kernels read them, if otherwise

    /** A fresh model whose weights are drawn from gauss(0, 0.08) in the scalar engine's order: the same initial weights. */
    public FastGpt(GptConfig config, PythonRandom rng) {
        this(config, rng, Threads.byDefault());
    }

    private FastGpt(GptConfig config, PythonRandom rng, int threads) {
        this(fitsTheHeap(config), () -> rng.gauss(0, Gpt.INIT_STD), threads, Kernels.ordered(config.nEmbd()));
    }

    /**
     * The same fresh model as {@link #FastGpt(GptConfig, PythonRandom)}, training on {@code threads}
     * threads (1 to {@link Threads#MAX}): the same numbers on any number.
     */
    public static FastGpt withThreads(GptConfig config, PythonRandom rng, int threads) {
        return new FastGpt(config, rng, Threads.require(threads, "the thread count"));
    }

    /**
     * The {@code simd} engine: the same fresh model on {@code threads} threads, whose matrix
     * products use the Vector API with fused multiply-adds and sums reordered over the lanes, so
     * its numbers differ from the ordered engine's in the last bits (the same seed still gives the
     * same numbers every time, on any number of threads). Needs the {@code jdk.incubator.vector}
     * module and the JIT's optimizing compiler: without them, a one-line error.
     */
    public static FastGpt reordered(GptConfig config, PythonRandom rng, int threads) {
        Kernels kernels = Kernels.reordered();
        return new FastGpt(fitsTheHeapWithACopy(config), () -> rng.gauss(0, Gpt.INIT_STD), Threads.require(threads, "the thread count"), kernels);
    }

    /** {@link #reordered(GptConfig, PythonRandom, int)} on the default number of threads. */
    public static FastGpt reordered(GptConfig config, PythonRandom rng) {
        return reordered(config, rng, Threads.byDefault());
    }

    /** Refuses, in one line, a JVM without what the {@link #reordered} engine needs: the Vector API's module and the JIT's C2. */
    public static void requireVectorSupport() {
        Kernels.requireVectorSupport();
    }

    /** {@link #reordered(GptConfig, PythonRandom)} with the given weights, in parameter order. */
    public static FastGpt reorderedWithWeights(GptConfig config, double[] weights) {
        Kernels kernels = Kernels.reordered();
        return new FastGpt(fitsTheHeapWithACopy(config), config.inParameterOrder(weights), Threads.byDefault(), kernels);
    }

    /**
     * The same fresh model as {@link #FastGpt(GptConfig, PythonRandom)}, that never starts a
     * thread: for a runtime without threads (the WebAssembly build), which also has no JVM heap
     * limit to check against (the caller bounds the size). Same numbers.
     */
    public static FastGpt singleThreaded(GptConfig config, PythonRandom rng) {
        MemoryEstimate.requireArrays(config);
        return new FastGpt(config, () -> rng.gauss(0, Gpt.INIT_STD), Team.ALONE, Workers.ALONE, DataParallel.NO_HEAP_LIMIT, Kernels.SCALAR);
    }

    /** The fast engine for a scalar model's current weights. */
    public static FastGpt from(Gpt model) {
        return withWeights(model.config(), model.weights());
    }

    /** A model with the given weights, in parameter order. */
    public static FastGpt withWeights(GptConfig config, double[] weights) {
        return new FastGpt(fitsTheHeap(config), config.inParameterOrder(weights), Threads.byDefault(), Kernels.ordered(config.nEmbd()));
    }

    /** Refuses, before anything is allocated, a shape too large for this JVM's heap; returns it. */
    private static GptConfig fitsTheHeap(GptConfig config) {
        MemoryEstimate.require(config, config.fastEngineBytes(), "the fast engine");
        return config;
    }

    /** {@link #fitsTheHeap} for the simd engine, which also keeps a transposed copy of the weights. */
    private static GptConfig fitsTheHeapWithACopy(GptConfig config) {
        MemoryEstimate.require(config, config.fastEngineBytes() + 8L * config.parameterCount(), "the simd engine");
        return config;
    }

    /** One thread: everything alone; more: a pool for batches, and a second thread for one document's big loops. */
    private FastGpt(GptConfig config, DoubleSupplier init, int threads, Kernels kernels) {
        this(config, init, threads == 1 ? Team.ALONE : Team.shared(), Workers.pool(threads),
                (bytes, purpose) -> MemoryEstimate.require(config, bytes, purpose), kernels);
    }

    private FastGpt(GptConfig config, DoubleSupplier init, Team team, Workers workers, DataParallel.HeapCheck heapCheck,
                    Kernels kernels) {
        this.config = config;
        this.layout = Layout.of(config);
        this.weights = new double[layout.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = init.getAsDouble();
        }
        this.gradients = new double[layout.size()];
        this.activations = new Activations(config);
        this.team = team;
        this.kernels = kernels;
        this.transposed = new TransposedWeights(config, layout, kernels);
        this.forward = new Forward(config, layout, team, kernels);
        this.backward = new Backward(config, layout, team, kernels);
        this.batches = new DataParallel(config, layout, workers, heapCheck, kernels);
    }

    @Override
    public GptConfig config() {
        return config;
    }

    /** Where each matrix lives in {@link #weights()} and {@link #gradients()}. */
    public Layout layout() {
        return layout;
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public void setWeights(double[] w) {
        config.requireWeightCount(w.length);
        System.arraycopy(w, 0, weights, 0, w.length);
    }

    /** A copy of the gradients accumulated since the optimizer last cleared them, in parameter order. */
    public double[] gradients() {
        return gradients.clone();
    }

    /** Sets every gradient to zero (the optimizer's step does this too). */
    public void zeroGradients() {
        Arrays.fill(gradients, 0);
    }

    @Override
    public double lossAndGradients(int[] tokens) {
        int n = prepare(tokens);
        forward.run(weights, transposed.refresh(weights), activations, 0, n);
        double loss = Forward.loss(config, activations, n);
        backward.run(weights, gradients, activations, n);
        return loss;
    }

    @Override
    public boolean takesBatches() {
        return true;
    }

    /**
     * {@inheritDoc}
     *
     * <p>One document is exactly {@link #lossAndGradients(int[])}. More are shared between the
     * model's threads ({@link DataParallel}), each backward pass weighting its positions' losses by
     * 1/T (T the batch's positions in all) instead of 1/n; the numbers are the same on any number
     * of threads. Every document is checked before any gradient is touched.
     */
    @Override
    public double lossAndGradients(List<int[]> batch) {
        if (batch.isEmpty()) {
            throw new InvalidInputException("a batch needs at least one document, got none");
        }
        int[] positions = new int[batch.size()];
        long total = 0;
        for (int d = 0; d < positions.length; d++) {
            int[] tokens = batch.get(d);
            positions[d] = positions(tokens);
            for (int p = 0; p <= positions[d]; p++) {
                config.requireToken(tokens[p]);
            }
            total += positions[d];
        }
        if (batch.size() == 1) {
            return lossAndGradients(batch.get(0));
        }
        return batches.lossAndGradients(weights, transposed.refresh(weights), gradients, batch, positions, 1.0 / total);
    }

    /** The loss of one document, forward only: no gradients. */
    public double loss(int[] tokens) {
        int n = prepare(tokens);
        forward.run(weights, transposed.refresh(weights), activations, 0, n);
        return Forward.loss(config, activations, n);
    }

    /** Checks the tokens and copies the first n + 1 of them into the activations; returns n. */
    private int prepare(int[] tokens) {
        int n = positions(tokens);
        for (int p = 0; p <= n; p++) {
            config.requireToken(tokens[p]);
            activations.tokens[p] = tokens[p];
        }
        return n;
    }

    @Override
    public Optimizer adamW(double beta1, double beta2, double epsilon, double weightDecay) {
        return new FastAdam(weights, gradients, beta1, beta2, epsilon, weightDecay, team);
    }

    @Override
    public Decoder decoder() {
        return new FastDecoder(config, layout, weights, team, kernels);
    }

    /** {@inheritDoc} The documents are shared between the model's threads, each with a decoder of its own. */
    @Override
    public double[][] tokenLosses(List<int[]> documents) {
        return batches.tokenLosses(this, documents, () -> new FastDecoder(config, layout, weights, Team.ALONE, kernels));
    }

    /** The logits after reading the given tokens from position 0. */
    public double[] logits(int[] context) {
        if (context.length == 0) {
            throw new InvalidInputException("logits need at least one context token");
        }
        Decoder decoder = decoder();
        double[] logits = null;
        for (int token : context) {
            logits = decoder.next(token);
        }
        return logits.clone();
    }

    /**
     * What each attention head of each layer looks at when the model reads the last of the given
     * tokens (from position 0): {@code [layer][head][t]}, the softmax weights over positions
     * 0..last, each row summing to 1.
     */
    public double[][][] lastAttention(int[] context) {
        if (context.length == 0) {
            throw new InvalidInputException("attention needs at least one context token");
        }
        FastDecoder decoder = new FastDecoder(config, layout, weights, team, kernels);
        for (int token : context) {
            decoder.next(token);
        }
        int p = context.length - 1;
        double[][][] out = new double[config.nLayer()][config.nHead()][p + 1];
        for (int l = 0; l < config.nLayer(); l++) {
            for (int h = 0; h < config.nHead(); h++) {
                int row = (p * config.nHead() + h) * config.blockSize();  // as Attention stores them
                System.arraycopy(decoder.cache.attWeight[l], row, out[l][h], 0, p + 1);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "FastGpt" + config + " with " + weights.length + " parameters";
    }
}
