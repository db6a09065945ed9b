package microgpt.autograd;

import java.util.List;
import java.util.function.Supplier;

/**
 * Proves that two implementations of one function on {@link Value}s compute the same thing: the same outputs,
 * and after backpropagating one fixed weighted sum of the outputs, the same gradient for every input, each
 * compared bit for bit. A chapter builds a piece by hand and then calls this once against the library's piece.
 *
 * <pre>{@code
 * Equality.check("softmax", z, () -> softmax(z), () -> Ops.softmax(z))
 * // ✓ softmax: the same 27 outputs and 27 input gradients, bit for bit
 * }</pre>
 */
public final class Equality {

    /** What was compared ({@code gradients} is -1 for plain numbers); shown as one line in a notebook. */
    public record Report(String what, int outputs, int gradients) {
        @Override
        public String toString() {
            if (gradients < 0) { // plain numbers: nothing was backpropagated
                return "✓ " + what + ": the same " + outputs + (outputs == 1 ? " number" : " numbers") + ", bit for bit";
            }
            return "✓ " + what + ": the same " + outputs + (outputs == 1 ? " output" : " outputs") + " and " + gradients
                    + (gradients == 1 ? " input gradient" : " input gradients") + ", bit for bit";
        }
    }

    private Equality() {}

    /**
     * Runs both functions on the same inputs and compares outputs and input gradients.
     *
     * @throws AssertionError naming the first output or gradient that differs, with both numbers
     */
    public static Report check(String what, List<Value> inputs, Supplier<List<Value>> mine, Supplier<List<Value>> library) {
        List<Value> ours = mine.get();
        double[] ourGradients = gradientsOfProbe(ours, inputs);
        List<Value> theirs = library.get();
        double[] theirGradients = gradientsOfProbe(theirs, inputs);
        if (ours.size() != theirs.size()) {
            throw new AssertionError(what + ": " + ours.size() + " outputs, but the library's has " + theirs.size());
        }
        for (int i = 0; i < ours.size(); i++) {
            requireSame(what + ": output " + i, ours.get(i).data, theirs.get(i).data);
        }
        for (int i = 0; i < inputs.size(); i++) {
            requireSame(what + ": the gradient of input " + i, ourGradients[i], theirGradients[i]);
        }
        return new Report(what, ours.size(), inputs.size());
    }

    /** The same comparison for functions of plain numbers: every element, bit for bit. */
    public static Report check(String what, double[] mine, double[] library) {
        if (mine.length != library.length) {
            throw new AssertionError(what + ": " + mine.length + " numbers, but the library's has " + library.length);
        }
        for (int i = 0; i < mine.length; i++) {
            requireSame(what + ": element " + i, mine[i], library[i]);
        }
        return new Report(what, mine.length, -1);
    }

    // One number to backpropagate: Σ sin(i + 1)·y_i. Distinct weights make every output count, with its own sign.
    private static double[] gradientsOfProbe(List<Value> outputs, List<Value> inputs) {
        Value.zeroGrad(inputs);
        Value probe = new Value(0);
        for (int i = 0; i < outputs.size(); i++) {
            probe = probe.add(outputs.get(i).mul(Math.sin(i + 1)));
        }
        probe.backward();
        double[] gradients = new double[inputs.size()];
        for (int i = 0; i < gradients.length; i++) {
            gradients[i] = inputs.get(i).grad;
        }
        Value.zeroGrad(inputs);
        return gradients;
    }

    private static void requireSame(String what, double mine, double library) {
        // == rather than the bit patterns: 0.0 and -0.0 are the same number (a gradient of exactly 0 may carry either sign)
        if (!(mine == library || Double.isNaN(mine) && Double.isNaN(library))) {
            throw new AssertionError(what + " is " + mine + ", the library's is " + library
                    + " (a difference of " + Math.abs(mine - library) + "); the two compute it differently");
        }
    }
}
