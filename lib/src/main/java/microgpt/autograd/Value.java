package microgpt.autograd;

import java.util.Arrays;
import java.util.List;
import microgpt.InvalidInputException;

/**
 * A scalar that remembers how it was computed, so that {@link #backward()} can find the gradient
 * of it with respect to every value that fed into it.
 *
 * <p>Each operation creates a new value that keeps its children (its inputs) and, side by side,
 * the local derivative of the result with respect to each child. Backpropagation then only
 * multiplies and adds those local derivatives: the chain rule.
 *
 * <p>An operation with a plain {@code double} (for example {@code x.mul(0.5)}) treats it as a
 * constant: the constant is not a child, since nothing needs its gradient. The numbers are the same
 * as when the reference wraps the constant in a value of its own.
 *
 * <p>Where the reference's Python raises, so does this: {@link #log()} of zero or a negative
 * number, {@link #pow(double)} that divides by zero (0 to a power below 1, whose derivative
 * n·0^(n−1) is infinite) or takes a fractional power of a negative number, and division by zero
 * throw an {@link ArithmeticException} that names the value, instead of carrying ±∞ or NaN on.
 *
 * <p>Not thread-safe: a graph belongs to one thread at a time.
 */
public final class Value {

    private static final Value[] NO_CHILDREN = {};
    private static final double[] NO_GRADS = {};

    public double data;
    public double grad;
    private final Value[] children;     // the inputs; empty for a leaf (a parameter or an input)
    private final double[] localGrads;  // d(this)/d(children[i]), side by side with the children
    private Object visitMark;           // the mark of the last sort that reached this node; see topologicalOrder()

    /** A leaf: a parameter or an input. */
    public Value(double data) {
        this(data, NO_CHILDREN, NO_GRADS);
    }

    private Value(double data, Value[] children, double[] localGrads) {
        this.data = data;
        this.children = children;
        this.localGrads = localGrads;
    }

    private static Value unary(double data, Value child, double localGrad) {
        return new Value(data, new Value[] {child}, new double[] {localGrad});
    }

    // Each operation: its value, and its local derivative with respect to each input.

    public Value add(Value o)   { return new Value(data + o.data, new Value[] {this, o}, new double[] {1, 1}); }
    public Value add(double c)  { return unary(data + c, this, 1); }
    public Value mul(Value o)   { return new Value(data * o.data, new Value[] {this, o}, new double[] {o.data, data}); }
    public Value mul(double c)  { return unary(data * c, this, c); }
    public Value pow(double n)  { requirePowDefined(n); return unary(Math.pow(data, n), this, n * Math.pow(data, n - 1)); }
    public Value exp()          { double e = Math.exp(data); return unary(e, this, e); }
    public Value log()          { requireLogDefined(); return unary(Math.log(data), this, 1 / data); }
    public Value relu()         { return unary(Math.max(0, data), this, data > 0 ? 1 : 0); }
    public Value tanh()         { double t = Math.tanh(data); return unary(t, this, 1 - t * t); }

    private void requireLogDefined() {
        if (data <= 0) {
            throw new ArithmeticException("log(" + data + ") is undefined: log needs a number > 0; "
                    + "keep the input positive (e.g. a probability from a softmax, or add a small epsilon)");
        }
    }

    private void requirePowDefined(double n) {
        if (data == 0 && n < 1) {
            throw new ArithmeticException("division by zero: pow(" + n + ") of 0.0 divides by zero in its value or in its derivative "
                    + "n·x^(n−1); keep the base non-zero (e.g. add a small epsilon, as rmsnorm does)");
        }
        if (data < 0 && n != Math.rint(n)) {
            throw new ArithmeticException("pow(" + n + ") of " + data + " is not a real number: a fractional power needs a base ≥ 0");
        }
    }

    // Composite operations, built as the reference builds them, so they round the same way.

    public Value neg()          { return mul(-1); }
    public Value sub(Value o)   { return add(o.neg()); }
    public Value sub(double c)  { return add(-c); }
    public Value div(Value o)   { return mul(o.pow(-1)); }
    public Value div(double c)  { return mul(inverse(c)); }

    private static double inverse(double c) {
        if (c == 0) {
            throw new ArithmeticException("division by zero: div(" + c + ") needs a non-zero divisor");
        }
        return Math.pow(c, -1);
    }

    /**
     * The dot product a₀b₀ + a₁b₁ + … summed from left to right, as ONE node whose children are
     * a₀, b₀, a₁, b₁, … It has the same value and gives every input the same gradient, in the same
     * order, as the chain of {@code mul} and {@code add} nodes it replaces, with 2n edges instead of
     * 2n nodes. The GPT's matrix products use it; it is what makes the scalar engine fast.
     */
    public static Value dot(List<Value> a, List<Value> b) {
        int n = a.size();
        if (n == 0 || b.size() != n) {
            throw new IllegalArgumentException("dot needs two non-empty vectors of the same length, got " + n + " and " + b.size());
        }
        Value[] children = new Value[2 * n];
        double[] localGrads = new double[2 * n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            Value ai = a.get(i);
            Value bi = b.get(i);
            double product = ai.data * bi.data;
            sum = i == 0 ? product : sum + product;
            children[2 * i] = ai;
            children[2 * i + 1] = bi;
            localGrads[2 * i] = bi.data;
            localGrads[2 * i + 1] = ai.data;
        }
        return new Value(sum, children, localGrads);
    }

    /** The sum of the values from left to right, as Python's {@code sum()} adds them. */
    public static Value sum(List<Value> values) {
        if (values.isEmpty()) {
            return new Value(0);
        }
        Value total = values.get(0);
        for (int i = 1; i < values.size(); i++) {
            total = total.add(values.get(i));
        }
        return total;
    }

    /** The inputs this value was computed from: none for a leaf. */
    public List<Value> children() {
        return List.of(children);
    }

    /** The local derivative of this value with respect to each of its {@link #children()}. */
    public double[] localGrads() {
        return localGrads.clone();
    }

    /**
     * The nodes of the graph below this value, each after all of its children, in the order a
     * depth-first search that takes children first to last finishes them. Iterative, with its own
     * stack, so a graph a million nodes deep cannot overflow the thread's stack.
     */
    public List<Value> topologicalOrder() {
        return Arrays.asList(sort(false));
    }

    /**
     * Backpropagation: adds the derivative of this value with respect to every leaf below it
     * (parameters and inputs) into the leaf's gradient, going from the last node back to the first
     * and adding each node's gradient times its local derivatives into its children.
     *
     * <p>Leaf gradients accumulate: call {@link #zeroGrad} on the parameters before the next pass.
     * The gradients of the computed nodes in between are this pass's alone: they start from zero,
     * so calling {@code backward()} twice on one graph adds each leaf's derivative exactly twice,
     * as PyTorch does with {@code retain_graph=True}, instead of sending the first pass's
     * gradients down the graph again.
     */
    public void backward() {
        sweep(sort(true));
    }

    /**
     * The backward sweep alone, along an order this value's {@link #topologicalOrder()} returned:
     * {@code backward()} is {@code backward(topologicalOrder())}. Lets a profiler time the sort and the
     * sweep apart.
     */
    public void backward(List<Value> order) {
        if (order.isEmpty() || order.get(order.size() - 1) != this) {
            throw new InvalidInputException("backward(order) needs this value's own topologicalOrder(), which ends with it;"
                    + " call topologicalOrder() on the value you backpropagate from");
        }
        Value[] nodes = order.toArray(new Value[0]);
        for (Value v : nodes) {
            if (v.children.length > 0) {
                v.grad = 0;                     // as backward() does: the computed nodes' gradients are this pass's alone
            }
        }
        sweep(nodes);
    }

    private void sweep(Value[] order) {
        grad += 1;                              // d(this)/d(this); zero before unless this is a leaf
        for (int n = order.length - 1; n >= 0; n--) {
            Value v = order[n];
            for (int i = 0; i < v.children.length; i++) {
                v.children[i].grad += v.localGrads[i] * v.grad;
            }
        }
    }

    /** The topological order; with {@code zeroComputedGrads}, also sets the gradient of every non-leaf it places to 0. */
    private Value[] sort(boolean zeroComputedGrads) {
        // Two fresh marks per sort: a node is "opened" once its children are on the stack and
        // "finished" once it is placed. Marks of older sorts are other objects, so nothing needs resetting.
        Object opened = new Object();
        Object finished = new Object();
        Value[] order = new Value[256];
        int size = 0;
        Value[] stack = new Value[256];
        int depth = 0;
        stack[depth++] = this;
        while (depth > 0) {
            Value node = stack[depth - 1];
            if (node.visitMark == finished) {
                depth--;                        // reached again through another parent: already placed
            } else if (node.visitMark == opened) {
                depth--;                        // all its children are placed: place it
                node.visitMark = finished;
                if (zeroComputedGrads && node.children.length > 0) {
                    node.grad = 0;
                }
                if (size == order.length) {
                    order = Arrays.copyOf(order, size * 2);
                }
                order[size++] = node;
            } else {
                node.visitMark = opened;        // first visit: push the children, the first on top
                Value[] kids = node.children;
                if (depth + kids.length > stack.length) {
                    stack = Arrays.copyOf(stack, Math.max(stack.length * 2, depth + kids.length));
                }
                for (int i = kids.length - 1; i >= 0; i--) {
                    Object mark = kids[i].visitMark;
                    if (mark != opened && mark != finished) {
                        stack[depth++] = kids[i];
                    }
                }
            }
        }
        return Arrays.copyOf(order, size);
    }

    /** Sets the gradient of each value to zero. */
    public static void zeroGrad(Iterable<Value> values) {
        for (Value v : values) {
            v.grad = 0;
        }
    }

    @Override
    public String toString() {
        return "Value(data=" + data + ", grad=" + grad + ")";
    }
}
