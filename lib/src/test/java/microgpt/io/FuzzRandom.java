package microgpt.io;

import java.util.SplittableRandom;

/**
 * The random choices of a seeded fuzz test: the same seed draws the same values on every run, so
 * every run tests the same inputs and a failing one can be found again by its index.
 */
final class FuzzRandom {

    // One draw in this many of intBetween, anyInt and unit is a boundary value, where off-by-one bugs live.
    private static final int EDGE_ONE_IN = 16;

    private final SplittableRandom random;

    FuzzRandom(long seed) {
        this(new SplittableRandom(seed));
    }

    private FuzzRandom(SplittableRandom random) {
        this.random = random;
    }

    /** An independent source for one case, so that what a case draws does not shift the cases after it. */
    FuzzRandom split() {
        return new FuzzRandom(random.split());
    }

    /** Uniform in [0, n), for choosing among n things. */
    int below(int n) {
        return random.nextInt(n);
    }

    /** In [lo, hi], both included; now and then exactly lo or hi. */
    int intBetween(int lo, int hi) {
        if (random.nextInt(EDGE_ONE_IN) == 0) {
            return random.nextBoolean() ? lo : hi;
        }
        return (int) (lo + random.nextLong(hi - (long) lo + 1)); // in longs: hi - lo + 1 may not fit an int
    }

    /** Any int; now and then 0, ±1 or a limit. */
    int anyInt() {
        if (random.nextInt(EDGE_ONE_IN) == 0) {
            return oneOf(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        return random.nextInt();
    }

    long anyLong() {
        return random.nextLong();
    }

    /** In [0, 1], both included; now and then exactly 0 or 1. */
    double unit() {
        if (random.nextInt(EDGE_ONE_IN) == 0) {
            return random.nextBoolean() ? 0.0 : 1.0;
        }
        return random.nextDouble();
    }

    boolean coin() {
        return random.nextBoolean();
    }

    int oneOf(int... values) {
        return values[below(values.length)];
    }

    double oneOf(double... values) {
        return values[below(values.length)];
    }

    /** The index of one of the weights, chosen with chance proportional to its weight: frequency(6, 2) gives 0 three times in four. */
    int frequency(int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int ticket = below(total);
        for (int i = 0; i < weights.length; i++) {
            ticket -= weights[i];
            if (ticket < 0) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable: the ticket is below the total of the weights");
    }

    /** Random bytes, between minLength and maxLength of them. */
    byte[] bytes(int minLength, int maxLength) {
        byte[] out = new byte[intBetween(minLength, maxLength)];
        random.nextBytes(out);
        return out;
    }
}
