package microgpt.fast;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import microgpt.nn.Decoder;
import microgpt.nn.GptConfig;
import microgpt.nn.MemoryEstimate;

/**
 * A batch of documents shared between threads, with the same numbers on any number of them.
 *
 * <p>The documents are dealt into S = min(B, {@link #MAX_SHARDS}) shards (the simd engine's:
 * min(B, {@link #REORDERED_SHARDS}), one per core), document d to shard
 * d mod S, a number that does not depend on the threads. One thread runs a shard's documents in
 * order, adding their gradients into the shard's own array (shard 0's is the model's); then the
 * shards are added up in order 0, 1, ..., S − 1, each weight's sum by one thread. So every number
 * is the same sum in the same order whichever thread computes it, and how many there are changes
 * only the time. Within a shard the matrix products run alone: the batch is the parallel work.
 *
 * <p>Buffers are allocated on the first batch that needs them (after a check that they fit in
 * the heap) and reused: a step allocates a few small objects, nothing per document.
 */
final class DataParallel {

    /** The most shards: the most threads a batch can keep busy, and the most gradient arrays it adds. */
    static final int MAX_SHARDS = 8;

    /**
     * The shards of the simd engine, whose numbers already depend on the machine (its vector
     * width): one per core, from 2 to {@link #MAX_SHARDS}. Fewer gradient arrays to clear and add
     * up, each warm in its core's cache for more documents (measured on 2 cores: 12.3 to 11.4 ms a
     * step at batch 32), and still every core busy. The cores, never the --threads count: so the
     * same numbers on the same machine at any thread count.
     */
    static final int REORDERED_SHARDS = Math.max(2, Math.min(MAX_SHARDS, Runtime.getRuntime().availableProcessors()));

    private static final int EVALUATION_RUNS = 64;   // runs of documents to evaluate: a few per thread
    private static final int SUM_SLICE = 8192;   // weights per task of the final sum: a few tasks per thread

    private final GptConfig config;
    private final Layout layout;
    private final Workers workers;
    private final HeapCheck heapCheck;
    private final Kernels kernels;
    private final double[][] shardGradients = new double[MAX_SHARDS][];   // [0] stays null: the model's gradients
    private final Worker[] crew = new Worker[MAX_SHARDS];
    private double[] documentLoss = new double[MAX_SHARDS];

    DataParallel(GptConfig config, Layout layout, Workers workers, HeapCheck heapCheck, Kernels kernels) {
        this.config = config;
        this.layout = layout;
        this.workers = workers;
        this.heapCheck = heapCheck;
        this.kernels = kernels;
    }

    /** Refuses, in one line naming the purpose, a model that with {@code bytes} more would not fit in the heap. */
    @FunctionalInterface
    interface HeapCheck {
        void require(long bytes, String purpose);
    }

    /** For a runtime without a JVM heap limit (the WebAssembly build, whose caller bounds the size). */
    static final HeapCheck NO_HEAP_LIMIT = (bytes, purpose) -> { };

    /** One thread's buffers: the activations, forward and backward pass of one document at a time. */
    private final class Worker {
        final Activations activations = new Activations(config);
        final Forward forward = new Forward(config, layout, Team.ALONE, kernels);
        final Backward backward = new Backward(config, layout, Team.ALONE, kernels);
    }

    /**
     * Adds into {@code gradients} (given the weights also transposed, or null: {@link TransposedWeights})
     * the gradient of {@code tokenWeight} times the sum of every
     * position's loss of the (already checked) documents, {@code positions[d]} of document d;
     * returns that weighted sum, the documents' loss sums added in document order.
     */
    double lossAndGradients(double[] weights, double[] transposed, double[] gradients, List<int[]> batch, int[] positions,
                            double tokenWeight) {
        int documents = batch.size();
        int shards = Math.min(documents, kernels.reordersSums() ? REORDERED_SHARDS : MAX_SHARDS);
        allocate(shards, documents);
        workers.run(shards, (worker, shard) -> {
            Worker w = crew[worker];
            double[] into = shard == 0 ? gradients : shardGradients[shard];
            if (shard > 0) {
                Arrays.fill(into, 0);
            }
            for (int d = shard; d < documents; d += shards) {
                int n = positions[d];
                System.arraycopy(batch.get(d), 0, w.activations.tokens, 0, n + 1);
                w.forward.run(weights, transposed, w.activations, 0, n);
                documentLoss[d] = Forward.lossSum(config, w.activations, n);
                w.backward.run(weights, into, w.activations, n, tokenWeight);
            }
        });
        int slices = (gradients.length + SUM_SLICE - 1) / SUM_SLICE;
        workers.run(slices, (worker, slice) -> {
            int from = slice * SUM_SLICE;
            int to = Math.min(gradients.length, from + SUM_SLICE);
            for (int s = 1; s < shards; s++) {
                double[] shard = shardGradients[s];
                for (int i = from; i < to; i++) {
                    gradients[i] += shard[i];
                }
            }
        });
        double sum = documentLoss[0];
        for (int d = 1; d < documents; d++) {
            sum += documentLoss[d];
        }
        return sum * tokenWeight;
    }

    /**
     * {@link microgpt.nn.LanguageModel#tokenLosses(List)} with the documents cut into runs shared
     * between the threads, each thread reading through a decoder of its own from {@code decoders}.
     */
    double[][] tokenLosses(FastGpt model, List<int[]> documents, Supplier<Decoder> decoders) {
        double[][] losses = new double[documents.size()][];
        int runs = Math.min(losses.length, EVALUATION_RUNS);
        Decoder[] own = new Decoder[Math.min(workers.threads(), runs)];
        workers.run(runs, (worker, run) -> {
            if (own[worker] == null) {
                own[worker] = decoders.get();
            }
            for (int d = (int) ((long) run * losses.length / runs); d < (long) (run + 1) * losses.length / runs; d++) {
                losses[d] = model.tokenLosses(own[worker], documents.get(d));
            }
        });
        return losses;
    }

    /** Makes the shards' gradient arrays and the workers' buffers this batch needs, once they are known to fit. */
    private void allocate(int shards, int documents) {
        int threads = Math.min(workers.threads(), shards);
        if (shardGradients[shards - 1] == null && shards > 1 || crew[threads - 1] == null) {
            heapCheck.require(config.fastEngineBytes() + MemoryEstimate.dataParallelBytes(config, shards, threads),
                    "the fast engine with a batch of " + documents + " documents on " + threads + " threads");
            for (int s = 1; s < shards; s++) {
                if (shardGradients[s] == null) {
                    shardGradients[s] = new double[layout.size()];
                }
            }
            for (int w = 0; w < threads; w++) {
                if (crew[w] == null) {
                    crew[w] = new Worker();
                }
            }
        }
        if (documentLoss.length < documents) {
            documentLoss = new double[Math.max(documents, 2 * documentLoss.length)];
        }
    }
}
