package microgpt.optim;

import java.util.List;
import microgpt.autograd.Value;

/**
 * Adam: each parameter moves against a running mean of its gradient (the first moment m),
 * divided by the root of a running mean of its squared gradient (the second moment v), so every
 * parameter takes steps of a similar size whatever the scale of its gradient. Both moments start
 * at zero, so early on they are too small; dividing by 1 − βᵗ corrects that bias.
 */
public final class Adam implements Optimizer {

    private final List<Value> parameters;
    private final AdamSettings settings;
    private final double[] m;
    private final double[] v;
    private int t; // steps taken so far

    /** The reference's Adam: β1 0.85, β2 0.99, ε 1e-8. */
    public static Adam reference(List<Value> parameters) {
        return new Adam(parameters, 0.85, 0.99, 1e-8);
    }

    public Adam(List<Value> parameters, double beta1, double beta2, double epsilon) {
        this(parameters, beta1, beta2, epsilon, 0);
    }

    /** AdamW: each step first shrinks every parameter by learningRate · weightDecay of itself (0: plain Adam). */
    public Adam(List<Value> parameters, double beta1, double beta2, double epsilon, double weightDecay) {
        this.settings = new AdamSettings(beta1, beta2, epsilon, weightDecay);
        this.parameters = List.copyOf(parameters);
        this.m = new double[parameters.size()];
        this.v = new double[parameters.size()];
    }

    /** One update of every parameter with the given learning rate; then sets every gradient to zero. */
    @Override
    public void step(double learningRate) {
        t++;
        double beta1 = settings.beta1();
        double beta2 = settings.beta2();
        double weightDecay = settings.weightDecay();
        double mCorrection = 1 - Math.pow(beta1, t);
        double vCorrection = 1 - Math.pow(beta2, t);
        for (int i = 0; i < parameters.size(); i++) {
            Value p = parameters.get(i);
            if (weightDecay != 0) { // decoupled: the decay does not pass through m and v
                p.data -= learningRate * weightDecay * p.data;
            }
            m[i] = beta1 * m[i] + (1 - beta1) * p.grad;
            v[i] = beta2 * v[i] + (1 - beta2) * Math.pow(p.grad, 2);
            double mHat = m[i] / mCorrection;
            double vHat = v[i] / vCorrection;
            p.data -= learningRate * mHat / (Math.pow(vHat, 0.5) + settings.epsilon());
            p.grad = 0;
        }
    }

    /** How many steps this optimizer has taken. */
    @Override
    public int steps() {
        return t;
    }
}
