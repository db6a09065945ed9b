package microgpt.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import microgpt.autograd.GradientCheck;
import microgpt.autograd.GradientCheckReport;
import microgpt.autograd.Value;
import microgpt.random.PythonRandom;
import org.junit.jupiter.api.Test;

/** The composite blocks, each checked against central differences with relative error < 1e-6. */
class BlockGradientTest {

    static final double TOLERANCE = 1e-6;
    final PythonRandom rng = new PythonRandom(1234);

    List<Value> vector(int n, double std) {
        List<Value> v = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            v.add(new Value(rng.gauss(0, std)));
        }
        return v;
    }

    static Map<String, Value> named(String prefix, List<Value> values, Map<String, Value> into) {
        for (int i = 0; i < values.size(); i++) {
            into.put(prefix + "[" + i + "]", values.get(i));
        }
        return into;
    }

    /** A loss that mixes every output with a different weight, so every output's gradient matters. */
    static Supplier<Value> weightedSum(Supplier<List<Value>> block) {
        return () -> {
            List<Value> out = block.get();
            List<Value> terms = new ArrayList<>();
            for (int i = 0; i < out.size(); i++) {
                terms.add(out.get(i).mul(Math.sin(i + 1.0)));
            }
            return Value.sum(terms);
        };
    }

    void assertPasses(GradientCheckReport report) {
        assertTrue(report.passed(), report::toString);
        assertTrue(report.entries().stream().anyMatch(e -> Math.abs(e.analytical()) > 1e-3), "some gradient is not trivially small");
    }

    @Test
    void softmax() {
        List<Value> logits = vector(7, 1.5);
        assertPasses(GradientCheck.check(weightedSum(() -> Ops.softmax(logits)), named("logit", logits, new LinkedHashMap<>())));
        double total = Ops.softmax(logits).stream().mapToDouble(v -> v.data).sum();
        assertEquals(1.0, total, 1e-12);
    }

    @Test
    void softmaxIsStableForHugeLogits() {
        List<Value> logits = List.of(new Value(1000), new Value(999), new Value(-1000));
        List<Value> probs = Ops.softmax(logits);
        assertEquals(1 / (1 + Math.exp(-1)), probs.get(0).data, 1e-12);
        assertTrue(probs.stream().allMatch(p -> Double.isFinite(p.data)));
    }

    @Test
    void rmsnorm() {
        List<Value> x = vector(16, 1.0);
        assertPasses(GradientCheck.check(weightedSum(() -> Ops.rmsnorm(x)), named("x", x, new LinkedHashMap<>())));
        double meanSquare = Ops.rmsnorm(x).stream().mapToDouble(v -> v.data * v.data).average().orElseThrow();
        assertEquals(1.0, meanSquare, 1e-4, "unit root-mean-square, up to the 1e-5 guard");
    }

    @Test
    void linear() {
        List<Value> x = vector(5, 1.0);
        Value[][] w = new Value[3][];
        Map<String, Value> inputs = named("x", x, new LinkedHashMap<>());
        for (int r = 0; r < 3; r++) {
            w[r] = vector(5, 0.5).toArray(new Value[0]);
            named("w" + r, List.of(w[r]), inputs);
        }
        assertPasses(GradientCheck.check(weightedSum(() -> Ops.linear(x, w)), inputs));
    }

    @Test
    void crossEntropy() {
        List<Value> logits = vector(27, 1.0);
        assertPasses(GradientCheck.check(() -> Ops.crossEntropy(logits, 4), named("logit", logits, new LinkedHashMap<>())));
    }

    @Test
    void multiHeadAttentionOverThreeCachedPositions() {
        int width = 8;
        int heads = 2;
        List<Value> q = vector(width, 1.0);
        List<List<Value>> keys = List.of(vector(width, 1.0), vector(width, 1.0), vector(width, 1.0));
        List<List<Value>> values = List.of(vector(width, 1.0), vector(width, 1.0), vector(width, 1.0));
        Map<String, Value> inputs = named("q", q, new LinkedHashMap<>());
        for (int t = 0; t < 3; t++) {
            named("k" + t, keys.get(t), inputs);
            named("v" + t, values.get(t), inputs);
        }
        assertPasses(GradientCheck.check(weightedSum(() -> Attention.multiHead(q, keys, values, heads)), inputs));
    }

    @Test
    void attentionWeightsSumToOneAndOnlySeeThePast() {
        List<Value> q = vector(4, 1.0);
        List<List<Value>> keys = List.of(vector(4, 1.0), vector(4, 1.0));
        double[] w = Attention.weights(q, keys);
        assertEquals(2, w.length, "position 1 attends to positions 0 and 1 only");
        assertEquals(1.0, w[0] + w[1], 1e-12);
    }
}
