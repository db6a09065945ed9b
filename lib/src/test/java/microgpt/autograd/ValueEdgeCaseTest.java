package microgpt.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Backward twice on one graph, and the operations that the reference's Python refuses. */
class ValueEdgeCaseTest {

    @Test
    void backwardTwiceOnOneGraphAddsEachLeafDerivativeExactlyTwice() {
        Value x = new Value(2);
        Value y = x.mul(x).mul(x); // dy/dx = 3x² = 12, through an interior node x·x
        y.backward();
        assertEquals(12, x.grad);
        y.backward();
        assertEquals(24, x.grad, "the second pass adds 12 again, as PyTorch does with retain_graph");
        assertEquals(1, y.grad, "an interior node holds the latest pass's gradient");
    }

    @Test
    void twoLossesSharingAnInteriorNodeEachCountOnce() {
        Value a = new Value(3);
        Value shared = a.mul(a);     // d(shared)/da = 6
        Value first = shared.mul(2); // d(first)/da = 12
        Value second = shared.add(1); // d(second)/da = 6
        first.backward();
        second.backward();
        assertEquals(18, a.grad, "12 + 6: the first pass's gradient of the shared node is not sent down again");
    }

    @Test
    void backwardOnALeafAddsOne() {
        Value x = new Value(5);
        x.backward();
        x.backward();
        assertEquals(2, x.grad);
    }

    @Test
    void manySortsOfOneGraphStayCorrect() {
        // The old global pass counter could wrap; marks are now per sort, so any number of sorts works.
        Value a = new Value(1);
        Value b = new Value(2);
        Value c = a.mul(b).add(a);
        for (int i = 0; i < 100_000; i++) {
            assertEquals(4, c.topologicalOrder().size());
        }
        Value.zeroGrad(List.of(a, b));
        c.backward();
        assertEquals(3, a.grad);
        assertEquals(1, b.grad);
    }

    @Test
    void logOfZeroOrANegativeNumberIsRefusedLikeTheReference() {
        for (double bad : new double[] {0.0, -0.0, -1.5, Double.NEGATIVE_INFINITY}) {
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> new Value(bad).log());
            assertTrue(e.getMessage().contains("log(" + bad + ")") && e.getMessage().contains("> 0"), e.getMessage());
        }
        assertEquals(0, new Value(1).log().data);
    }

    @Test
    void divisionByZeroIsRefusedLikeTheReference() {
        ArithmeticException byValue = assertThrows(ArithmeticException.class, () -> new Value(1).div(new Value(0)));
        assertTrue(byValue.getMessage().startsWith("division by zero"), byValue.getMessage());
        ArithmeticException byConstant = assertThrows(ArithmeticException.class, () -> new Value(1).div(0));
        assertTrue(byConstant.getMessage().contains("div(0.0)"), byConstant.getMessage());
        // 0.5 of zero has the infinite derivative 0.5·0^(−0.5): Python raises ZeroDivisionError there too.
        assertThrows(ArithmeticException.class, () -> new Value(0).pow(0.5));
        assertEquals(0, new Value(0).pow(2).data);
    }

    @Test
    void aFractionalPowerOfANegativeNumberIsRefused() {
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> new Value(-4).pow(0.5));
        assertTrue(e.getMessage().contains("-4.0") && e.getMessage().contains("not a real number"), e.getMessage());
        assertEquals(-8, new Value(-2).pow(3).data, "an integer power of a negative number is fine");
    }
}
