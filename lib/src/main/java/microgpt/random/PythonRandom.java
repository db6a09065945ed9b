package microgpt.random;

import java.util.List;

/**
 * A Mersenne Twister (MT19937) that returns exactly what Python's {@code random} module returns
 * for the same integer seed. The reference run draws every random number from Python's
 * {@code random.seed(42)}; with this class a Java run draws the very same numbers, so it can
 * reproduce the reference bit for bit.
 *
 * <p>Not thread-safe: give each thread its own instance.
 */
public final class PythonRandom {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] state = new int[N];
    private int index;
    // gauss() makes two normal values at a time and keeps the second one for the next call.
    private double gaussSpare;
    private boolean hasGaussSpare;

    /** Seeds the generator as Python's {@code random.seed(seed)} does for a non-negative int. */
    public PythonRandom(long seed) {
        seed(seed);
    }

    /** Re-seeds the generator, as {@code random.seed(seed)}; also forgets any spare gauss value. */
    public void seed(long seed) {
        if (seed < 0) {
            // Python seeds with abs(n); we keep that rule rather than surprise a caller.
            seed = seed == Long.MIN_VALUE ? Long.MAX_VALUE : -seed;
        }
        // Python splits the seed into 32-bit words, least significant first, and feeds them to init_by_array.
        int[] key = (seed >>> 32) == 0 ? new int[] {(int) seed} : new int[] {(int) seed, (int) (seed >>> 32)};
        initByArray(key);
        hasGaussSpare = false;
    }

    private void initGenrand(int s) {
        state[0] = s;
        for (int i = 1; i < N; i++) {
            state[i] = 1812433253 * (state[i - 1] ^ (state[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                state[0] = state[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                state[0] = state[N - 1];
                i = 1;
            }
        }
        state[0] = 0x80000000; // MSB is 1, assuring a non-zero initial array
    }

    /** The next raw 32-bit output of the twister, as an unsigned value in a long. */
    public long nextUInt32() {
        if (index >= N) {
            twist();
        }
        int y = state[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    private void twist() {
        for (int k = 0; k < N; k++) {
            int y = (state[k] & UPPER_MASK) | (state[(k + 1) % N] & LOWER_MASK);
            state[k] = state[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        index = 0;
    }

    /** A double in [0, 1) with 53 random bits, as {@code random.random()}. */
    public double random() {
        long a = nextUInt32() >>> 5; // 27 bits
        long b = nextUInt32() >>> 6; // 26 bits
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    /** {@code k} random bits (1 ≤ k ≤ 32) as a non-negative long, as {@code random.getrandbits(k)}. */
    public long getrandbits(int k) {
        if (k < 1 || k > 32) {
            throw new IllegalArgumentException("getrandbits supports 1 to 32 bits, got " + k);
        }
        return nextUInt32() >>> (32 - k);
    }

    /** A uniform integer in [0, n), as Python's {@code random._randbelow(n)}: rejection sampling on bit length. */
    public int randbelow(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("randbelow needs a positive bound, got " + n);
        }
        int k = 32 - Integer.numberOfLeadingZeros(n); // n.bit_length()
        long r = getrandbits(k);
        while (r >= n) {
            r = getrandbits(k);
        }
        return (int) r;
    }

    /** Shuffles the list in place, as {@code random.shuffle(x)}. */
    public <T> void shuffle(List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = randbelow(i + 1);
            T tmp = list.get(i);
            list.set(i, list.get(j));
            list.set(j, tmp);
        }
    }

    /** Shuffles the array in place, as {@code random.shuffle(x)}. */
    public void shuffle(int[] array) {
        for (int i = array.length - 1; i > 0; i--) {
            int j = randbelow(i + 1);
            int tmp = array[i];
            array[i] = array[j];
            array[j] = tmp;
        }
    }

    /** A normal sample with mean {@code mu} and standard deviation {@code sigma}, as {@code random.gauss}. */
    public double gauss(double mu, double sigma) {
        double z;
        if (hasGaussSpare) {
            z = gaussSpare;
            hasGaussSpare = false;
        } else {
            // Box–Muller: two uniforms give two independent normals; keep the second as the spare.
            double angle = random() * (2 * Math.PI);
            double radius = Math.sqrt(-2.0 * Math.log(1.0 - random()));
            z = Math.cos(angle) * radius;
            gaussSpare = Math.sin(angle) * radius;
            hasGaussSpare = true;
        }
        return mu + z * sigma;
    }

    /**
     * An index drawn with probability proportional to its weight, as
     * {@code random.choices(range(len(weights)), weights=weights)[0]}.
     */
    public int choice(double[] weights) {
        int n = weights.length;
        if (n == 0) {
            throw new IllegalArgumentException("choice needs at least one weight");
        }
        double[] cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
        double total = cumulative[n - 1] + 0.0;
        if (!(total > 0) || Double.isInfinite(total)) {
            throw new IllegalArgumentException("choice needs weights with a positive, finite total, got " + total);
        }
        double x = random() * total;
        // bisect_right over cumulative[0 .. n-2]: how many of them are <= x.
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x < cumulative[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
