package microgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code train --threads}: checked before any work, and the same run on any number of threads. */
class ThreadsOptionTest {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void aBadThreadCountGetsOneLineAndStatusTwo() {
        console.assertOneClearLine("--threads must be from 1 to 256, got 0", "train", "--threads", "0");
        console.assertOneClearLine("--threads must be from 1 to 256, got 257", "train", "--threads", "257");
        console.assertOneClearLine("got -2", "train", "--threads", "-2", "--steps", "3");
        console.assertOneClearLine("'--threads'", "train", "--threads", "many");
    }

    @Test
    void aBatchTrainsToTheSameLossesOnOneTwoOrThreeThreads() {
        List<String> one = stepLines("1");
        assertEquals(13, one.size(), "10 steps and 3 samples: " + one);
        assertEquals(one, stepLines("2"));
        assertEquals(one, stepLines("3"));
    }

    private List<String> stepLines(String threads) {
        console.reset();
        String[] args = {"train", "--steps", "10", "--batch-size", "9", "--samples", "3", "--threads", threads};
        assertEquals(0, Main.run(args), String.join(" ", args) + ": " + console.stderr());
        return console.stdout().lines().filter(line -> line.startsWith("step ") || line.startsWith("sample ")).toList();
    }
}
