package microgpt.optim;

/**
 * Updates a model's weights from the gradients its last backward pass left, then clears those
 * gradients. {@link Adam} does it for the scalar engine's {@code Value}s; the fast engine has an
 * Adam of its own on flat arrays that does the same arithmetic.
 */
public interface Optimizer {

    /** One update of every weight with the given learning rate; then sets every gradient to zero. */
    void step(double learningRate);

    /** How many steps this optimizer has taken. */
    int steps();
}
