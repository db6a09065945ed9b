package microgpt.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoublePredicate;

/** The tests' comparison of two engines' gradients, weight by weight. */
final class Gradients {

    private Gradients() {}

    /**
     * Asserts every gradient within {@code tolerance} relative of the expected one, with the largest
     * gradient's 1e-3 as the floor for gradients near 0; returns the largest relative difference.
     */
    static double assertClose(double[] expected, double[] got, double tolerance) {
        assertEquals(expected.length, got.length, "gradient count");
        double largest = 0;
        for (double g : expected) {
            largest = Math.max(largest, Math.abs(g));
        }
        assertTrue(largest > 0, "some gradient is not zero");
        double worst = 0;
        for (int i = 0; i < got.length; i++) {
            double scale = Math.max(Math.abs(expected[i]), largest * 1e-3);
            assertEquals(expected[i], got[i], tolerance * scale, "gradient " + i);
            worst = Math.max(worst, Math.abs(got[i] - expected[i]) / scale);
        }
        return worst;
    }

    /** How many entries of {@code values} satisfy {@code test}. */
    static int count(double[] values, DoublePredicate test) {
        int n = 0;
        for (double v : values) {
            n += test.test(v) ? 1 : 0;
        }
        return n;
    }
}
