package microgpt.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import microgpt.nn.Ops;
import org.junit.jupiter.api.Test;

class EqualityTest {

    private static List<Value> values(double... xs) {
        return java.util.Arrays.stream(xs).mapToObj(Value::new).toList();
    }

    @Test
    void theSameFunctionPassesAndCountsOutputsAndGradients() {
        List<Value> z = values(1.5, -0.25, 3.0);
        Equality.Report report = Equality.check("softmax", z, () -> Ops.softmax(z), () -> Ops.softmax(z));
        assertEquals(3, report.outputs());
        assertEquals(3, report.gradients());
        assertEquals("✓ softmax: the same 3 outputs and 3 input gradients, bit for bit", report.toString());
        assertTrue(z.stream().allMatch(v -> v.grad == 0), "the inputs' gradients are left at zero");
    }

    @Test
    void aDifferentValueIsNamed() {
        List<Value> x = values(2.0, 3.0);
        AssertionError e = assertThrows(AssertionError.class, () -> Equality.check("double it", x,
                () -> List.of(x.get(0).mul(2), x.get(1).mul(2)),
                () -> List.of(x.get(0).mul(2), x.get(1).mul(2.0000001))));
        assertTrue(e.getMessage().startsWith("double it: output 1 is 6.0, the library's is 6.0000003"), e.getMessage());
    }

    @Test
    void aDifferentGradientWithEqualValuesIsCaught() {
        // relu(x) and x·1 agree at x = 2, but a stop-gradient version (a constant) does not pass the gradient back
        List<Value> x = values(2.0);
        AssertionError e = assertThrows(AssertionError.class, () -> Equality.check("identity", x,
                () -> List.of(x.get(0).relu()), () -> List.of(new Value(x.get(0).data))));
        assertTrue(e.getMessage().startsWith("identity: the gradient of input 0 is"), e.getMessage());
    }

    @Test
    void roundingDifferencesCount() {
        // (a + b) + c and a + (b + c) differ in the last bit for these numbers
        List<Value> x = values(0.1, 0.2, 0.3);
        assertThrows(AssertionError.class, () -> Equality.check("sum", x,
                () -> List.of(x.get(0).add(x.get(1)).add(x.get(2))),
                () -> List.of(x.get(0).add(x.get(1).add(x.get(2))))));
    }

    @Test
    void arraysOfNumbers() {
        assertEquals("✓ pair: the same 2 numbers, bit for bit", Equality.check("pair", new double[] {1, -0.0}, new double[] {1, 0.0}).toString());
        assertThrows(AssertionError.class, () -> Equality.check("pair", new double[] {1}, new double[] {1, 2}));
        assertThrows(AssertionError.class, () -> Equality.check("nan", new double[] {Double.NaN}, new double[] {0}));
    }
}
