package microgpt.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import microgpt.data.Dataset;
import microgpt.data.TrainingData;
import microgpt.nn.Gpt;
import microgpt.nn.GptConfig;
import microgpt.random.PythonRandom;
import org.junit.jupiter.api.Test;

/** An interrupt stops training at a step boundary; training again resumes to the same result. */
class TrainerInterruptTest {

    static Trainer trainer(int steps) {
        PythonRandom rng = new PythonRandom(42);
        TrainingData data = TrainingData.prepare(Dataset.names(), rng);
        Gpt model = new Gpt(GptConfig.reference(data.tokenizer().vocabSize()), rng);
        return new Trainer(model, data.tokenizer(), data.train(), TrainConfig.reference().withSteps(steps));
    }

    @Test
    void anInterruptedRunResumesToExactlyTheUninterruptedResult() {
        Trainer whole = trainer(60);
        whole.train();

        Trainer broken = trainer(60);
        TrainingHistory history = broken.train(new TrainingListener() {
            @Override
            public void onStep(StepResult result) {
                if (result.step() == 25) {
                    Thread.currentThread().interrupt(); // what the notebook's stop button does
                }
            }
        });
        boolean flagWasSet = Thread.interrupted(); // clear it, as the kernel does before the next cell
        assertTrue(flagWasSet);
        assertEquals(25, broken.stepsDone(), "stopped at the step boundary after step 25");
        assertTrue(history.interrupted());

        broken.train();
        assertEquals(60, broken.stepsDone());
        assertFalse(broken.history().interrupted(), "a resumed run that finishes is not interrupted");
        assertArrayEquals(whole.history().losses(), broken.history().losses());
        assertArrayEquals(whole.model().weights(), broken.model().weights());
    }
}
