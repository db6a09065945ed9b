package microgpt.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import microgpt.autograd.Value;
import microgpt.nn.Gpt;
import microgpt.nn.GptConfig;
import microgpt.random.PythonRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One backward pass of each engine, from the same weights on the same document: every gradient
 * equal ({@code ==}, so a zero gradient may be +0 in one engine and −0 in the other: the fast
 * engine skips contributions that are exactly zero, which changes nothing but that sign).
 */
class FastGradientEqualityTest {

    @ParameterizedTest(name = "n_layer {0}, n_embd {1}, n_head {2}, block {3}")
    @CsvSource({"1, 16, 4, 16", "2, 32, 2, 8", "3, 8, 2, 4", "1, 8, 1, 6", "2, 12, 3, 5"})
    void everyGradientEqualsTheScalarEngines(int nLayer, int nEmbd, int nHead, int block) {
        compare(new GptConfig(nLayer, nEmbd, nHead, block, 7), 6, 2);
    }

    /**
     * Long documents on a wider model: every matrix product, the attention heads and Adam are
     * large enough here to be shared between two threads (on a machine with two cores), and the
     * gradients are still the scalar engine's, bit for bit.
     */
    @Test
    void theGradientsAreTheSameWhenTheWorkIsSharedBetweenTwoThreads() {
        compare(new GptConfig(1, 64, 4, 32, 7), 2, 30);
    }

    private static void compare(GptConfig config, int documents, int minLength) {
        int block = config.blockSize();
        PythonRandom rng = new PythonRandom(config.nLayer() * 1000 + config.nEmbd());
        Gpt scalar = new Gpt(config, rng);
        FastGpt fast = FastGpt.from(scalar);
        for (int doc = 0; doc < documents; doc++) {
            int length = minLength + rng.randbelow(block + 5 - minLength);
            int[] tokens = new int[length];
            tokens[0] = 6;
            for (int i = 1; i < length; i++) {
                tokens[i] = rng.randbelow(7);
            }
            Value.zeroGrad(scalar.parameters());
            Value loss = scalar.loss(tokens);
            loss.backward();
            fast.zeroGradients();
            double fastLoss = fast.lossAndGradients(tokens);
            assertEquals(loss.data, fastLoss, 0.0, "loss of document " + doc);
            double[] g = fast.gradients();
            List<String> wrong = new ArrayList<>();
            int index = 0;
            for (Map.Entry<String, Value[][]> m : scalar.stateDict().entrySet()) {
                for (int r = 0; r < m.getValue().length; r++) {
                    for (int col = 0; col < m.getValue()[r].length; col++) {
                        double expected = m.getValue()[r][col].grad;
                        if (expected != g[index] && wrong.size() < 10) {
                            wrong.add(m.getKey() + "[" + r + "][" + col + "]: scalar " + expected + ", fast " + g[index]);
                        }
                        index++;
                    }
                }
            }
            if (!wrong.isEmpty()) {
                fail("document " + doc + " of length " + length + ": " + String.join("; ", wrong));
            }
        }
    }
}
