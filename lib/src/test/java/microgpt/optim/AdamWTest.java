package microgpt.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import microgpt.InvalidInputException;
import microgpt.autograd.Value;
import microgpt.fast.FastAdam;
import microgpt.random.PythonRandom;
import org.junit.jupiter.api.Test;

/** AdamW in both engines: a weight decay of 0 is Adam exactly; otherwise each weight shrinks by lr·wd of itself. */
class AdamWTest {

    private static final int SIZE = 50;

    private static double[] draw(PythonRandom rng) {
        double[] x = new double[SIZE];
        for (int i = 0; i < SIZE; i++) {
            x[i] = rng.gauss(0, 1);
        }
        return x;
    }

    /** Runs {@code steps} steps of the scalar Adam with this weight decay (null: the four-argument Adam) on random gradients. */
    private static double[] scalar(Double weightDecay, int steps, boolean zeroGradients) {
        PythonRandom rng = new PythonRandom(4);
        List<Value> parameters = new ArrayList<>();
        for (double w : draw(rng)) {
            parameters.add(new Value(w));
        }
        Adam adam = weightDecay == null ? new Adam(parameters, 0.85, 0.99, 1e-8) : new Adam(parameters, 0.85, 0.99, 1e-8, weightDecay);
        for (int s = 0; s < steps; s++) {
            double[] g = draw(rng);
            for (int i = 0; i < SIZE; i++) {
                parameters.get(i).grad = zeroGradients ? 0 : g[i];
            }
            adam.step(0.01 * (1 - (double) s / steps));
        }
        return parameters.stream().mapToDouble(p -> p.data).toArray();
    }

    private static double[] fast(double weightDecay, int steps, boolean zeroGradients) {
        PythonRandom rng = new PythonRandom(4);
        double[] weights = draw(rng);
        double[] gradients = new double[SIZE];
        FastAdam adam = new FastAdam(weights, gradients, 0.85, 0.99, 1e-8, weightDecay);
        for (int s = 0; s < steps; s++) {
            double[] g = draw(rng);
            System.arraycopy(zeroGradients ? new double[SIZE] : g, 0, gradients, 0, SIZE);
            adam.step(0.01 * (1 - (double) s / steps));
        }
        return weights;
    }

    @Test
    void aWeightDecayOfZeroIsAdamBitForBit() {
        double[] adam = scalar(null, 30, false);
        assertArrayEquals(adam, scalar(0.0, 30, false), 0.0);
        assertArrayEquals(adam, fast(0.0, 30, false), 0.0);
        PythonRandom rng = new PythonRandom(4);
        double[] start = draw(rng);
        assertTrue(Math.abs(adam[0] - start[0]) > 1e-3, "the weights moved");
    }

    @Test
    void bothEnginesDecayTheSameWay() {
        assertArrayEquals(scalar(0.1, 30, false), fast(0.1, 30, false), 0.0);
        assertTrue(Math.abs(scalar(0.1, 30, false)[3] - scalar(0.0, 30, false)[3]) > 1e-6, "the decay changes the weights");
    }

    /** With zero gradients Adam moves nothing, so only the decay acts: w · Π(1 − lr_s · wd). */
    @Test
    void withZeroGradientsTheWeightsShrinkByLearningRateTimesDecay() {
        int steps = 20;
        double weightDecay = 0.5;
        double[] start = draw(new PythonRandom(4));
        double[] once = fast(weightDecay, 1, true);
        for (int i = 0; i < SIZE; i++) {
            assertEquals(start[i] - 0.01 * weightDecay * start[i], once[i], 0.0, "one step, weight " + i);
        }
        double[] after = fast(weightDecay, steps, true);
        double factor = 1;
        for (int s = 0; s < steps; s++) {
            factor *= 1 - 0.01 * (1 - (double) s / steps) * weightDecay;
        }
        assertTrue(factor < 0.95, "a visible shrink: " + factor);
        for (int i = 0; i < SIZE; i++) {
            assertEquals(start[i] * factor, after[i], 1e-14 * Math.abs(start[i]), "weight " + i);
        }
        assertArrayEquals(after, scalar(weightDecay, steps, true), 0.0);
    }

    @Test
    void aNegativeOrInfiniteDecayIsRefused() {
        for (double bad : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> new FastAdam(new double[1], new double[1], 0.9, 0.99, 1e-8, bad));
            assertTrue(e.getMessage().contains("weight decay") && e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
    }
}
