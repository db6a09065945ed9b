package microgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import microgpt.data.Dataset;
import microgpt.data.TrainingData;
import microgpt.fast.FastGpt;
import microgpt.nn.GptConfig;
import microgpt.random.PythonRandom;
import microgpt.train.ProgressPrinter;
import microgpt.train.Schedule;
import microgpt.train.StepResult;
import microgpt.train.TrainConfig;
import microgpt.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code --batch-size}, {@code --weight-decay}, {@code --warmup}, {@code --schedule}: checked, defaulted to the reference, and passed on. */
class TrainOptionsTest {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    /** The step lines of a successful run. */
    private List<String> stepLines(String... args) {
        console.reset();
        assertEquals(0, Main.run(args), String.join(" ", args) + ": " + console.stderr());
        return console.stdout().lines().filter(line -> line.startsWith("step ")).toList();
    }

    @Test
    void badValuesGetOneLineAndStatusTwo() {
        console.assertOneClearLine("--batch-size must be from 1 to 1048576 documents, got 0", "train", "--batch-size", "0");
        console.assertOneClearLine("'--batch-size'", "train", "--batch-size", "many");
        console.assertOneClearLine("--weight-decay must be 0 or a positive number, got -0.1", "train", "--weight-decay", "-0.1");
        console.assertOneClearLine("--weight-decay must be 0 or a positive number, got NaN", "train", "--weight-decay", "NaN");
        console.assertOneClearLine("--warmup must be 0 or more steps and fewer than --steps (1000), got 1000", "train", "--warmup", "1000");
        console.assertOneClearLine("got -3", "train", "--warmup", "-3", "--steps", "10");
        console.assertOneClearLine("--schedule must be linear or cosine, got 'exponential'", "train", "--schedule", "exponential");
        console.assertOneClearLine("--batch-size 2 needs --engine fast", "train", "--batch-size", "2", "--engine", "scalar");
    }

    @Test
    void theDefaultsSpelledOutAreTheReferenceRun() {
        List<String> plain = stepLines("train", "--steps", "15", "--samples", "0");
        assertEquals("step    1 /   15 | loss 3.3660", plain.get(0));
        assertEquals(plain, stepLines("train", "--steps", "15", "--samples", "0",
                "--batch-size", "1", "--weight-decay", "0", "--warmup", "0", "--schedule", "linear"));
    }

    @Test
    void theOptionsReachTheTrainer() {
        List<String> printed = stepLines("train", "--steps", "12", "--samples", "0",
                "--batch-size", "4", "--weight-decay", "0.1", "--warmup", "3", "--schedule", "cosine");
        PythonRandom rng = new PythonRandom(42);
        TrainingData data = TrainingData.prepare(Dataset.names(), rng);
        FastGpt model = new FastGpt(GptConfig.reference(data.tokenizer().vocabSize()), rng);
        TrainConfig config = TrainConfig.reference().withSteps(12).withBatchSize(4).withWeightDecay(0.1)
                .withWarmup(3).withSchedule(Schedule.COSINE);
        List<StepResult> steps = new Trainer(model, data.tokenizer(), data.train(), config).train().steps();
        assertEquals(steps.stream().map(ProgressPrinter::line).toList(), printed);
        assertNotEquals(stepLines("train", "--steps", "12", "--samples", "0").get(11), printed.get(11), "the options change the run");
    }
}
