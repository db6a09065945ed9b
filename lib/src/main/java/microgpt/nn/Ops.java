package microgpt.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import microgpt.InvalidInputException;
import microgpt.autograd.Value;

/** The building blocks of the GPT, on lists of {@link Value}s, exactly as the reference computes them. */
public final class Ops {

    private Ops() {}

    /** y[o] = Σ_i w[o][i]·x[i], summed from left to right, one dot product per row. No bias. */
    public static List<Value> linear(List<Value> x, Value[][] w) {
        List<Value> out = new ArrayList<>(w.length);
        for (Value[] row : w) {
            out.add(Value.dot(Arrays.asList(row), x));
        }
        return out;
    }

    /** Turns scores into probabilities. Subtracting the largest score first keeps exp from overflowing. */
    public static List<Value> softmax(List<Value> logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (Value v : logits) {
            max = Math.max(max, v.data);
        }
        List<Value> exps = new ArrayList<>(logits.size());
        for (Value v : logits) {
            exps.add(v.sub(max).exp());
        }
        Value total = Value.sum(exps);
        List<Value> probs = new ArrayList<>(exps.size());
        for (Value e : exps) {
            probs.add(e.div(total));
        }
        return probs;
    }

    /** Scales x to unit root-mean-square: x / sqrt(mean(x²) + 1e-5). No learned gain. */
    public static List<Value> rmsnorm(List<Value> x) {
        Value meanSquare = Value.dot(x, x).div(x.size());
        Value scale = meanSquare.add(1e-5).pow(-0.5);
        List<Value> out = new ArrayList<>(x.size());
        for (Value xi : x) {
            out.add(xi.mul(scale));
        }
        return out;
    }

    /** The element-wise sum a + b (a residual connection, or token plus position). */
    public static List<Value> add(List<Value> a, List<Value> b) {
        List<Value> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            out.add(a.get(i).add(b.get(i)));
        }
        return out;
    }

    /** The cross-entropy of one prediction: -log p(target). */
    public static Value crossEntropy(List<Value> logits, int target) {
        requireTarget(target, logits.size());
        return softmax(logits).get(target).log().neg();
    }

    // The same two functions on plain numbers, for evaluation and sampling, where no gradient is
    // needed. They do the Value versions' arithmetic operation for operation (x − max, exp, a sum
    // from left to right, e · total⁻¹), so they round the same way, to the last bit.

    /** {@link #softmax(List)} on plain numbers. */
    public static double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v);
        }
        double[] probs = new double[logits.length];
        double total = 0;
        for (int i = 0; i < logits.length; i++) {
            probs[i] = Math.exp(logits[i] - max);
            total = i == 0 ? probs[i] : total + probs[i];
        }
        double inverse = Math.pow(total, -1);
        for (int i = 0; i < probs.length; i++) {
            probs[i] *= inverse;
        }
        return probs;
    }

    private static void requireTarget(int target, int vocabSize) {
        if (target < 0 || target >= vocabSize) {
            throw new InvalidInputException("the target token id " + target + " is outside the " + vocabSize
                    + " logits [0, " + vocabSize + "); give the id of the token that should come next");
        }
    }

    /** {@link #crossEntropy(List, int)} on plain numbers: -log p(target). */
    public static double crossEntropy(double[] logits, int target) {
        requireTarget(target, logits.length);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v);
        }
        double total = 0;
        for (int i = 0; i < logits.length; i++) {
            double e = Math.exp(logits[i] - max);
            total = i == 0 ? e : total + e;
        }
        return -Math.log(Math.exp(logits[target] - max) * Math.pow(total, -1));
    }
}
