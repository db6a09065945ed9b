package microgpt.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import microgpt.InvalidInputException;
import microgpt.random.PythonRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ValueTest {

    static final double TOLERANCE = 1e-6;

    /** Every operation, as a function of two inputs x and y (some use only x). */
    static List<Arguments> operations() {
        return List.of(
                Arguments.of("add", (Function<Value[], Value>) v -> v[0].add(v[1])),
                Arguments.of("add constant", (Function<Value[], Value>) v -> v[0].add(3.5)),
                Arguments.of("mul", (Function<Value[], Value>) v -> v[0].mul(v[1])),
                Arguments.of("mul constant", (Function<Value[], Value>) v -> v[0].mul(-2.5)),
                Arguments.of("mul by itself", (Function<Value[], Value>) v -> v[0].mul(v[0])),
                Arguments.of("pow", (Function<Value[], Value>) v -> v[0].pow(3)),
                Arguments.of("pow -0.5", (Function<Value[], Value>) v -> v[1].pow(-0.5)),
                Arguments.of("neg", (Function<Value[], Value>) v -> v[0].neg()),
                Arguments.of("sub", (Function<Value[], Value>) v -> v[0].sub(v[1])),
                Arguments.of("sub constant", (Function<Value[], Value>) v -> v[0].sub(1.25)),
                Arguments.of("div", (Function<Value[], Value>) v -> v[0].div(v[1])),
                Arguments.of("div constant", (Function<Value[], Value>) v -> v[0].div(4)),
                Arguments.of("exp", (Function<Value[], Value>) v -> v[0].exp()),
                Arguments.of("log", (Function<Value[], Value>) v -> v[1].log()),
                Arguments.of("relu positive", (Function<Value[], Value>) v -> v[1].relu()),
                Arguments.of("relu negative", (Function<Value[], Value>) v -> v[0].mul(-1).relu().add(v[0])),
                Arguments.of("tanh", (Function<Value[], Value>) v -> v[0].tanh()),
                Arguments.of("dot", (Function<Value[], Value>) v -> Value.dot(List.of(v[0], v[1], v[0]), List.of(v[1], v[1], v[0]))),
                Arguments.of("sum", (Function<Value[], Value>) v -> Value.sum(List.of(v[0], v[1], v[0].mul(v[1])))),
                Arguments.of("composite", (Function<Value[], Value>) v -> v[0].mul(v[1]).add(v[1].exp()).div(v[0].pow(2).add(1)).tanh()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void gradientOfEveryOperationMatchesCentralDifferences(String name, Function<Value[], Value> op) {
        Value x = new Value(0.7);
        Value y = new Value(1.9);
        GradientCheckReport report = GradientCheck.check(() -> op.apply(new Value[] {x, y}), Map.of("x", x, "y", y),
                List.of(), GradientCheck.DEFAULT_STEP, TOLERANCE);
        assertTrue(report.passed(), report::toString);
    }

    @Test
    void localDerivativesSitBesideTheChildren() {
        Value x = new Value(3);
        Value y = new Value(-2);
        Value z = x.mul(y);
        assertEquals(-6, z.data);
        assertEquals(List.of(x, y), z.children());
        assertEquals(-2, z.localGrads()[0]); // d(xy)/dx = y
        assertEquals(3, z.localGrads()[1]);  // d(xy)/dy = x
        assertTrue(x.children().isEmpty());
    }

    @Test
    void gradientsAccumulateAcrossBackwardPasses() {
        Value x = new Value(2);
        Value y = x.mul(x).add(x); // dy/dx = 2x + 1 = 5; x is used twice and both uses count
        y.backward();
        assertEquals(5, x.grad);
        x.mul(x).add(x).backward();
        assertEquals(10, x.grad, "a second backward adds to the gradient");
        Value.zeroGrad(List.of(x));
        assertEquals(0, x.grad);
    }

    @Test
    void backwardHandlesAMillionNodeChainWithoutStackOverflow() {
        Value x = new Value(1);
        Value y = x;
        for (int i = 0; i < 1_000_000; i++) {
            y = y.add(1e-6);
        }
        y.backward();
        assertEquals(1.0, x.grad);
        assertEquals(2.0, y.data, 1e-6);
    }

    @Test
    void topologicalOrderPutsEveryNodeAfterItsChildrenOnce() {
        Value a = new Value(1);
        Value b = new Value(2);
        Value c = a.mul(b);
        Value d = c.add(a).mul(c.exp());
        List<Value> order = d.topologicalOrder();
        assertEquals(new HashSet<>(order).size(), order.size(), "no duplicates");
        Set<Value> seen = new HashSet<>();
        for (Value v : order) {
            for (Value child : v.children()) {
                assertTrue(seen.contains(child), "child before parent");
            }
            seen.add(v);
        }
        assertEquals(d, order.get(order.size() - 1));
        assertEquals(List.of(a, b, c), order.subList(0, 3), "depth-first, first child first");
    }

    @Test
    void theSweepAlongAPrecomputedOrderGivesTheGradientsOfBackward() {
        Value a = new Value(0.7);
        Value b = new Value(-1.3);
        Value whole = a.mul(b).add(a.exp()).tanh();
        whole.backward();
        double[] expected = {a.grad, b.grad};
        Value.zeroGrad(List.of(a, b));
        Value again = a.mul(b).add(a.exp()).tanh();
        again.backward(again.topologicalOrder());
        assertArrayEquals(expected, new double[] {a.grad, b.grad}, 0.0, "bit for bit");
        InvalidInputException wrong = assertThrows(InvalidInputException.class, () -> again.backward(whole.topologicalOrder()));
        assertTrue(wrong.getMessage().contains("topologicalOrder()"), wrong.getMessage());
        assertThrows(InvalidInputException.class, () -> again.backward(List.of()));
    }

    @Test
    void dotGivesBitForBitTheSameValuesAndGradientsAsTheChainOfMulAndAdd() {
        PythonRandom rng = new PythonRandom(3);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + rng.randbelow(20);
            List<Value> shared = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                shared.add(new Value(rng.gauss(0, 1)));
            }
            // Inputs that share leaves, so gradient accumulation order matters.
            int[] pick = new int[2 * n];
            double[] scale = new double[2 * n];
            for (int i = 0; i < 2 * n; i++) {
                pick[i] = rng.randbelow(4);
                scale[i] = rng.gauss(0, 1);
            }
            Supplier<double[]> fused = () -> gradsOf(shared, a -> Value.dot(a.subList(0, n), a.subList(n, 2 * n)), pick, scale);
            Supplier<double[]> chain = () -> gradsOf(shared, a -> {
                Value s = a.get(0).mul(a.get(n));
                for (int i = 1; i < n; i++) {
                    s = s.add(a.get(i).mul(a.get(n + i)));
                }
                return s;
            }, pick, scale);
            double[] f = fused.get();
            double[] c = chain.get();
            for (int i = 0; i < f.length; i++) {
                assertEquals(Double.doubleToRawLongBits(c[i]), Double.doubleToRawLongBits(f[i]), "trial " + trial + " entry " + i);
            }
        }
    }

    private static double[] gradsOf(List<Value> leaves, Function<List<Value>, Value> f, int[] pick, double[] scale) {
        Value.zeroGrad(leaves);
        List<Value> inputs = new ArrayList<>();
        for (int i = 0; i < pick.length; i++) {
            inputs.add(leaves.get(pick[i]).mul(scale[i]).tanh());
        }
        Value out = f.apply(inputs);
        Value loss = out.mul(out).add(Value.sum(inputs));
        loss.backward();
        double[] result = new double[leaves.size() + 1];
        result[0] = loss.data;
        for (int i = 0; i < leaves.size(); i++) {
            result[i + 1] = leaves.get(i).grad;
        }
        return result;
    }

    @Test
    void aWrongGradientFailsTheCheck() {
        // A function whose graph lies: its value is x² but its recorded derivative is that of x·x·x.
        Value x = new Value(1.5);
        GradientCheckReport report = GradientCheck.check(() -> x.pow(3).mul(Math.pow(x.data, -1)), Map.of("x", x));
        assertFalse(report.passed(), "x³/x with x as a constant divisor has gradient 3x, not the true 2x");
        assertTrue(report.maxRelativeError() > 0.1);
    }
}
