package microgpt.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import microgpt.ReferenceFiles;
import org.junit.jupiter.api.Test;

/** The test vectors of the reference README, each from a fresh seed 42, as CPython's random module gives them. */
class PythonRandomTest {

    @Test
    void randomMatchesPython() {
        PythonRandom rng = new PythonRandom(42);
        assertEquals(0.6394267984578837, rng.random());
        assertEquals(0.025010755222666936, rng.random());
        assertEquals(0.27502931836911926, rng.random());
    }

    @Test
    void gaussMatchesPythonIncludingTheSpare() {
        PythonRandom rng = new PythonRandom(42);
        assertEquals(-0.011527226366234268, rng.gauss(0, 0.08));
        assertEquals(-0.013832288026521545, rng.gauss(0, 0.08)); // the spare from the first draw
        assertEquals(-0.008905268925412997, rng.gauss(0, 0.08));
        assertEquals(0.05615869800790905, rng.gauss(0, 0.08));
    }

    @Test
    void getrandbitsMatchesPython() {
        PythonRandom rng = new PythonRandom(42);
        assertEquals(20, rng.getrandbits(5));
        assertEquals(478163327, rng.getrandbits(32));
        assertEquals(819, rng.getrandbits(15));
    }

    @Test
    void shuffleMatchesPython() {
        PythonRandom rng = new PythonRandom(42);
        List<Integer> list = new ArrayList<>(IntStream.range(0, 10).boxed().toList());
        rng.shuffle(list);
        assertEquals(List.of(7, 3, 2, 8, 5, 6, 9, 4, 0, 1), list);

        int[] array = IntStream.range(0, 10).toArray();
        new PythonRandom(42).shuffle(array);
        assertArrayEquals(new int[] {7, 3, 2, 8, 5, 6, 9, 4, 0, 1}, array);
    }

    @Test
    void weightedChoiceMatchesPython() {
        PythonRandom rng = new PythonRandom(42);
        double[] weights = {0.1, 0.2, 0.3, 0.2, 0.2};
        int[] draws = new int[10];
        for (int i = 0; i < draws.length; i++) {
            draws[i] = rng.choice(weights);
        }
        assertArrayEquals(new int[] {3, 0, 1, 1, 3, 3, 4, 0, 2, 0}, draws);
    }

    /** Thousands of values from CPython 3.11.7 for four seeds; each section starts from a fresh seed. */
    @Test
    void matchesCPythonOnThousandsOfValues() {
        List<String> lines = ReferenceFiles.lines("python-random-vectors.txt").stream().filter(l -> !l.startsWith("#")).toList();
        PythonRandom rng = null;
        String section = "";
        int checked = 0;
        gaussExact = 0;
        gaussTotal = 0;
        for (String line : lines) {
            String[] f = line.split(" ");
            String kind = f[0] + " " + f[1];
            if (!kind.equals(section)) {
                rng = new PythonRandom(Long.parseLong(f[1]));
                section = kind;
            }
            switch (f[0]) {
                case "random" -> assertEquals(Double.parseDouble(f[3]), rng.random(), line);
                case "gauss" -> {
                    // Box–Muller goes through cos, sin and log, where Java's Math and the C library
                    // may round the last bit differently (scaled by sigma, a few ulps): allow 4, and count how often.
                    double expected = Double.parseDouble(f[3]);
                    double actual = rng.gauss(0, 0.08);
                    assertEquals(expected, actual, 4 * Math.ulp(expected), line);
                    gaussExact += expected == actual ? 1 : 0;
                    gaussTotal++;
                }
                case "getrandbits" -> assertEquals(Long.parseLong(f[3]), rng.getrandbits(Integer.parseInt(f[2])), line);
                case "randbelow" -> assertEquals(Integer.parseInt(f[4]), rng.randbelow(Integer.parseInt(f[3])), line);
                case "choices" -> assertEquals(Integer.parseInt(f[3]), rng.choice(new double[] {0.1, 0.2, 0.3, 0.2, 0.2}), line);
                case "shuffle50" -> {
                    List<Integer> list = new ArrayList<>(IntStream.range(0, 50).boxed().toList());
                    rng.shuffle(list);
                    assertEquals(java.util.Arrays.stream(f).skip(2).map(Integer::valueOf).toList(), list, line);
                }
                default -> throw new AssertionError("unknown vector kind: " + line);
            }
            checked++;
        }
        assertEquals(true, checked > 8000, "checked " + checked + " vectors");
        assertEquals(4000, gaussTotal);
        assertEquals(true, gaussExact >= 0.995 * gaussTotal, gaussExact + " of " + gaussTotal + " gauss values bit-exact");
    }

    private int gaussExact;
    private int gaussTotal;

    @Test
    void reseedingRestartsTheStreamAndForgetsTheSpare() {
        PythonRandom rng = new PythonRandom(42);
        rng.gauss(0, 1); // leaves a spare
        rng.seed(42);
        assertEquals(-0.011527226366234268, rng.gauss(0, 0.08));
    }

    @Test
    void randbelowRejectsBadBounds() {
        PythonRandom rng = new PythonRandom(1);
        assertThrows(IllegalArgumentException.class, () -> rng.randbelow(0));
        assertThrows(IllegalArgumentException.class, () -> rng.getrandbits(33));
        assertThrows(IllegalArgumentException.class, () -> rng.choice(new double[] {0, 0}));
        for (int i = 0; i < 1000; i++) {
            int r = rng.randbelow(27);
            assertEquals(true, r >= 0 && r < 27, "randbelow(27) gave " + r);
        }
    }
}
