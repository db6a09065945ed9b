package microgpt.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import microgpt.InvalidInputException;
import microgpt.random.PythonRandom;
import org.junit.jupiter.api.Test;

class BigramTest {

    private final Tokenizer tokenizer = Tokenizer.fit(List.of("ab", "ba"));   // a = 0, b = 1, BOS = 2

    @Test
    void countsPairsIncludingBothBos() {
        long[][] n = Bigram.count(tokenizer, List.of("ab", "abb"), 1).counts();
        assertEquals(2, n[2][0], "BOS → a twice");
        assertEquals(2, n[0][1], "a → b twice");
        assertEquals(1, n[1][1], "b → b once");
        assertEquals(2, n[1][2], "b → BOS twice");
        assertEquals(0, n[2][2]);
    }

    @Test
    void smoothedRowsSumToOneAndUnseenPairsKeepSomeProbability() {
        double[][] p = Bigram.count(tokenizer, List.of("ab", "abb"), 1).probabilities();
        for (double[] row : p) {
            assertEquals(1.0, java.util.Arrays.stream(row).sum(), 1e-15);
        }
        assertEquals(1.0 / 5, p[2][2], 1e-15, "BOS → BOS: (0 + 1) / (2 + 3)");
        assertEquals(3.0 / 5, p[2][0], 1e-15, "BOS → a: (2 + 1) / (2 + 3)");
    }

    @Test
    void meanLossIsTheMeanOfMinusLogProbabilityOverTheScoredPositions() {
        Bigram bigram = Bigram.count(tokenizer, List.of("ab", "abb"), 1);
        double[][] p = bigram.probabilities();
        // "ab": BOS→a, a→b, b→BOS; with block size 2 only the first two predictions are scored
        double expected = -(Math.log(p[2][0]) + Math.log(p[0][1])) / 2;
        assertEquals(expected, bigram.meanLoss(List.of("ab"), 2), 1e-15);
        double all = -(Math.log(p[2][0]) + Math.log(p[0][1]) + Math.log(p[1][2])) / 3;
        assertEquals(all, bigram.meanLoss(List.of("ab"), 16), 1e-15);
    }

    @Test
    void onTheNamesItBeatsTheUniformGuess() {
        TrainingData data = TrainingData.prepare(Dataset.names(), new PythonRandom(42));
        Bigram bigram = Bigram.count(data.tokenizer(), data.train(), 1);
        double loss = bigram.meanLoss(data.validation(), 16);
        assertTrue(loss < Math.log(27) - 0.5 && loss > 2.0, "bigram validation loss " + loss);
    }

    @Test
    void samplesAreReproducibleAndUseTheVocabulary() {
        Bigram bigram = Bigram.count(tokenizer, List.of("ab", "abb", "ba"), 1);
        String a = bigram.sample(new PythonRandom(7), 16);
        assertEquals(a, bigram.sample(new PythonRandom(7), 16));
        assertTrue(a.chars().allMatch(c -> c == 'a' || c == 'b') && a.length() <= 16, a);
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(InvalidInputException.class, () -> Bigram.count(tokenizer, List.of("ab"), 0));
        assertThrows(InvalidInputException.class, () -> Bigram.count(tokenizer, List.of(), 1));
        assertThrows(InvalidInputException.class, () -> Bigram.count(tokenizer, List.of("ab"), 1).meanLoss(List.of("ab"), 0));
    }
}
