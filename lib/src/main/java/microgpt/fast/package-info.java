/**
 * The fast engine: the same GPT as {@link microgpt.nn.Gpt}, without a graph.
 *
 * <p>{@link microgpt.fast.FastGpt} keeps every weight in one flat {@code double[]} and every
 * gradient in another, laid out by {@link microgpt.fast.Layout} in the scalar engine's parameter
 * order. {@code Forward} runs the model over a document layer by layer and keeps what the
 * backward pass needs in {@code Activations}; {@code Backward} is the backward pass derived by
 * hand; {@code MatrixKernels}, {@code Attention} and {@code RmsNorm} are the loops they spend their
 * time in, forward and backward, and {@code Team} shares the big ones with a second thread on the
 * JVM ({@code TwoThreads}) or runs them alone ({@code Team.ALONE}, the WebAssembly build);
 * {@code DataParallel} shares a batch's documents between the threads of a {@code WorkerPool}
 * ({@code Workers.ALONE} in the WebAssembly build), with the same numbers on any number of them;
 * {@link microgpt.fast.FastAdam} updates the flat arrays. Every buffer is allocated once, so a
 * training step allocates nothing (beyond a few small objects for each job shared between threads).
 *
 * <p>Every sum is taken in the order the scalar engine takes it, so the two engines agree to the
 * last bit: the reference run's 1,000 losses and 20 samples are the same with either. The tests in
 * {@code microgpt.fast} check that, and check the backward pass against finite differences.
 *
 * <p>{@code Kernels} chooses how the matrix products run: {@code MatrixKernels} in plain Java, or
 * {@code VectorKernels} on the JDK's Vector API when the JVM has the {@code jdk.incubator.vector}
 * module, exactly (the same bits) in this engine, or with fused multiply-adds and reordered sums in
 * the simd engine ({@link microgpt.fast.FastGpt#reordered}), which agrees to rounding only.
 */
package microgpt.fast;
