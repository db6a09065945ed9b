package microgpt.train;

/**
 * What one training step reports.
 *
 * @param step         the 1-based step number
 * @param totalSteps   how many steps the run has in all
 * @param loss         the mean cross-entropy over the positions of this step's document
 * @param learningRate the learning rate this step used, after decay
 * @param nanos        the wall time this step took, in nanoseconds
 * @param tokens       the next-token predictions this step trained on: each document's min(block_size, length + 1)
 */
public record StepResult(int step, int totalSteps, double loss, double learningRate, long nanos, int tokens) {}
