package microgpt.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import microgpt.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The new settings of TrainConfig: the defaults are the reference's, the schedules give the documented rates. */
class TrainConfigTest {

    @Test
    void theDefaultsAreTheReferencesLinearDecayBitForBit() {
        TrainConfig config = TrainConfig.reference();
        assertEquals(new TrainConfig(1000, 0.01, 0.85, 0.99, 1e-8, 1, 0, 0, Schedule.LINEAR), config);
        for (int step = 0; step < 1000; step++) {
            assertEquals(0.01 * (1 - (double) step / 1000), config.learningRateAt(step), 0.0, "step " + step);
        }
    }

    @Test
    void theWarmUpClimbsEvenlyThenTheLinearDecayStarts() {
        TrainConfig config = TrainConfig.reference().withSteps(10).withWarmup(4);
        assertEquals(0.002, config.learningRateAt(0), 1e-18);
        assertEquals(0.004, config.learningRateAt(1), 1e-18);
        assertEquals(0.008, config.learningRateAt(3), 1e-18);
        assertEquals(0.01, config.learningRateAt(4), 0.0);            // the full rate after the warm-up
        assertEquals(0.005, config.learningRateAt(7), 1e-18);          // half the decay done: (7 − 4) / (10 − 4)
        assertEquals(0.01 / 6, config.learningRateAt(9), 1e-18);
    }

    @Test
    void theCosineScheduleFollowsAHalfCosine() {
        TrainConfig cosine = TrainConfig.reference().withSteps(100).withSchedule(Schedule.COSINE);
        assertEquals(0.01, cosine.learningRateAt(0), 0.0);
        assertEquals(0.01 * (1 + Math.sqrt(0.5)) / 2, cosine.learningRateAt(25), 1e-17);
        assertEquals(0.005, cosine.learningRateAt(50), 1e-17);
        assertEquals(0.01 * (1 - Math.sqrt(0.5)) / 2, cosine.learningRateAt(75), 1e-17);
        assertTrue(cosine.learningRateAt(99) < 1e-5 && cosine.learningRateAt(99) > 0);

        TrainConfig warmed = cosine.withSteps(110).withWarmup(10);
        assertEquals(0.01 / 11, warmed.learningRateAt(0), 1e-18);
        assertEquals(0.01, warmed.learningRateAt(10), 0.0);
        assertEquals(0.005, warmed.learningRateAt(60), 1e-17);
    }

    @Test
    void badSettingsAreOneClearMessage() {
        TrainConfig reference = TrainConfig.reference();
        assertMessage("batch size must be from 1", () -> reference.withBatchSize(0));
        assertMessage("got 2000000", () -> reference.withBatchSize(2_000_000));
        assertMessage("weight decay must be 0 or a positive number, got -1.0", () -> reference.withWeightDecay(-1));
        assertMessage("warm-up must be 0 or more steps and fewer than the 1000 steps", () -> reference.withWarmup(1000));
        assertMessage("got -1", () -> reference.withWarmup(-1));
        assertMessage("schedule is missing", () -> reference.withSchedule(null));
        assertMessage("--schedule must be linear or cosine, got 'step'", () -> Schedule.parse("step", "--schedule"));
        assertEquals(Schedule.COSINE, Schedule.parse(" Cosine", "--schedule"));
        assertEquals("linear", Schedule.LINEAR.toString());
    }

    private static void assertMessage(String part, Runnable action) {
        InvalidInputException e = assertThrows(InvalidInputException.class, action::run);
        assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' should contain '" + part + "'");
    }
}
