package microgpt.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import microgpt.ReferenceFiles;
import microgpt.data.Dataset;
import microgpt.data.TrainingData;
import microgpt.nn.Gpt;
import microgpt.nn.GptConfig;
import microgpt.random.PythonRandom;
import microgpt.sample.Sampler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default run is the reference run: the same losses and the same samples. */
class ReferenceRunTest {

    record Run(double[] losses, List<String> samples, double[] weights) {}

    static Run reference;

    static Run run(long seed, int steps) {
        PythonRandom rng = new PythonRandom(seed);
        TrainingData data = TrainingData.prepare(Dataset.names(), rng);
        Gpt model = new Gpt(GptConfig.reference(data.tokenizer().vocabSize()), rng);
        TrainingHistory history = new Trainer(model, data.tokenizer(), data.train(), TrainConfig.reference().withSteps(steps)).train();
        List<String> samples = new Sampler(model, data.tokenizer(), rng).sample(20, 0.5);
        return new Run(history.losses(), samples, model.weights());
    }

    @BeforeAll
    static void trainTheReference() {
        reference = run(42, 1000);
    }

    static String fourDecimals(double x) {
        return new BigDecimal(x).setScale(4, RoundingMode.HALF_EVEN).toPlainString();
    }

    @Test
    void theFirstTwentyLossesMatchTheReferenceToFourDecimals() {
        Map<Integer, String> expected = ReferenceFiles.lossesByStep("reference-losses-first20.txt");
        assertEquals(20, expected.size());
        expected.forEach((step, printed) -> assertEquals(printed, fourDecimals(reference.losses()[step - 1]), "step " + step));
    }

    @Test
    void all1000LossesMatchCPythonsRun() {
        Map<Integer, String> expected = ReferenceFiles.lossesByStep("reference-losses-1000.txt");
        assertEquals(1000, expected.size());
        expected.forEach((step, written) -> {
            double python = Double.parseDouble(written);
            double java = reference.losses()[step - 1];
            assertEquals(fourDecimals(python), fourDecimals(java), "printed loss of step " + step);
            // Java's Math.exp/log/pow may differ from the C library's in the last bit, nothing more.
            assertEquals(python, java, 1e-12, "step " + step);
        });
    }

    @Test
    void all20SamplesMatchCPythonsRun() {
        assertEquals(ReferenceFiles.lines("reference-samples-20.txt"), reference.samples());
    }

    @Test
    void theFirstThreeSamplesAreTheReferences() {
        assertEquals(List.of("kamon", "ann", "karai"), reference.samples().subList(0, 3));
    }

    @Test
    void theMeanOfTheLastHundredLossesIsTheReferences() {
        double sum = 0;
        for (int i = 900; i < 1000; i++) {
            sum += reference.losses()[i];
        }
        assertEquals("2.2761", fourDecimals(sum / 100));
    }

    @Test
    void theSameSeedGivesBitIdenticalRuns() {
        Run again = run(42, 1000);
        assertArrayEquals(reference.losses(), again.losses());
        assertArrayEquals(reference.weights(), again.weights());
        assertEquals(reference.samples(), again.samples());
    }

    @Test
    void anotherSeedGivesAnotherRunAndRepeatsIt() {
        Run seven = run(7, 50);
        Run sevenAgain = run(7, 50);
        assertFalse(reference.losses()[0] == seven.losses()[0], "seed 7 starts from other weights and another document");
        assertArrayEquals(seven.losses(), sevenAgain.losses());
        assertEquals(seven.samples(), sevenAgain.samples());
    }

    @Test
    void trainingLowersTheLoss() {
        double first = 0;
        double last = 0;
        for (int i = 0; i < 100; i++) {
            first += reference.losses()[i];
            last += reference.losses()[900 + i];
        }
        assertTrue(last < first - 30, "mean loss fell from " + first / 100 + " to " + last / 100);
    }
}
