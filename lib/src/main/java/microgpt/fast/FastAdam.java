package microgpt.fast;

import java.util.Arrays;
import microgpt.optim.AdamSettings;
import microgpt.optim.Optimizer;

/**
 * Adam on flat arrays: the arithmetic of {@link microgpt.optim.Adam}, with the same result for
 * every weight to the last bit, so both engines move every weight by the same amount. One loop over
 * every weight (split between two threads for a large model, see {@link Team}).
 */
public final class FastAdam implements Optimizer {

    private final double[] weights;
    private final double[] gradients;
    private final AdamSettings settings;
    private final double[] m;
    private final double[] v;
    private final Team team;
    private int t;

    /** Adam over {@code weights}, reading and then clearing {@code gradients} (same length, same order). */
    public FastAdam(double[] weights, double[] gradients, double beta1, double beta2, double epsilon) {
        this(weights, gradients, beta1, beta2, epsilon, 0, Team.shared());
    }

    /** AdamW: each step first shrinks every weight by learningRate · weightDecay of itself (0: plain Adam). */
    public FastAdam(double[] weights, double[] gradients, double beta1, double beta2, double epsilon, double weightDecay) {
        this(weights, gradients, beta1, beta2, epsilon, weightDecay, Team.shared());
    }

    FastAdam(double[] weights, double[] gradients, double beta1, double beta2, double epsilon, double weightDecay, Team team) {
        if (weights.length != gradients.length) {
            throw new IllegalArgumentException("weights and gradients differ in length: " + weights.length + " and " + gradients.length);
        }
        this.settings = new AdamSettings(beta1, beta2, epsilon, weightDecay);
        this.weights = weights;
        this.gradients = gradients;
        this.m = new double[weights.length];
        this.v = new double[weights.length];
        this.team = team;
    }

    @Override
    public void step(double learningRate) {
        t++;
        double mCorrection = 1 - Math.pow(settings.beta1(), t);
        double vCorrection = 1 - Math.pow(settings.beta2(), t);
        if (team.worthSharing(8L * weights.length)) {                 // a division costs some 8 multiply-adds
            team.run(weights.length, (from, to) -> update(learningRate, mCorrection, vCorrection, from, to));
        } else {
            update(learningRate, mCorrection, vCorrection, 0, weights.length);
        }
    }

    /**
     * Updates the weights [from, to); each weight on its own, so any split of the range gives the
     * same result.
     *
     * <p>Two rewrites keep the results and let the JIT vectorize the loop. {@code Math.pow(g, 2)} is
     * {@code g * g} and {@code Math.pow(v, 0.5)} is {@code Math.sqrt(v)} for v ≥ 0 in every HotSpot
     * mode, because the JDK computes them that way (JDK-8063086, JDK-8265325, JDK-8265940); Adam's
     * v is never negative. And dividing by a bias correction that has rounded to exactly 1 (from
     * step 227 on for β1 = 0.85) changes nothing, so that division is skipped.
     */
    private void update(double learningRate, double mCorrection, double vCorrection, int from, int to) {
        double beta1 = settings.beta1();
        double beta2 = settings.beta2();
        double epsilon = settings.epsilon();
        double weightDecay = settings.weightDecay();
        if (weightDecay != 0) {           // decoupled: the decay does not pass through m and v
            double shrink = learningRate * weightDecay;
            for (int i = from; i < to; i++) {
                weights[i] -= shrink * weights[i];
            }
        }
        double oneMinusBeta1 = 1 - beta1;
        double oneMinusBeta2 = 1 - beta2;
        if (mCorrection == 1 && vCorrection == 1) {
            for (int i = from; i < to; i++) {
                double g = gradients[i];
                m[i] = beta1 * m[i] + oneMinusBeta1 * g;
                v[i] = beta2 * v[i] + oneMinusBeta2 * (g * g);
                weights[i] -= learningRate * m[i] / (Math.sqrt(v[i]) + epsilon);
                gradients[i] = 0;
            }
        } else if (mCorrection == 1) {
            for (int i = from; i < to; i++) {
                double g = gradients[i];
                m[i] = beta1 * m[i] + oneMinusBeta1 * g;
                v[i] = beta2 * v[i] + oneMinusBeta2 * (g * g);
                double vHat = v[i] / vCorrection;
                weights[i] -= learningRate * m[i] / (Math.sqrt(vHat) + epsilon);
                gradients[i] = 0;
            }
        } else {
            for (int i = from; i < to; i++) {
                double g = gradients[i];
                m[i] = beta1 * m[i] + oneMinusBeta1 * g;
                v[i] = beta2 * v[i] + oneMinusBeta2 * (g * g);
                double mHat = m[i] / mCorrection;
                double vHat = v[i] / vCorrection;
                weights[i] -= learningRate * mHat / (Math.sqrt(vHat) + epsilon);
                gradients[i] = 0;
            }
        }
    }

    @Override
    public int steps() {
        return t;
    }

    /**
     * Forgets everything, as if new: both moments zero, no steps taken. (The benchmarks replay the
     * reference run's 1,000 steps over and over without allocating a new optimizer.)
     */
    public void reset() {
        Arrays.fill(m, 0);
        Arrays.fill(v, 0);
        t = 0;
    }
}
