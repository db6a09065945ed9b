package microgpt.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import microgpt.InvalidInputException;
import microgpt.data.Tokenizer;
import microgpt.nn.Gpt;
import microgpt.nn.GptConfig;
import microgpt.random.PythonRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTargetTest {

    @TempDir
    Path dir;

    final Tokenizer tokenizer = Tokenizer.fit(List.of("abc"));
    final Gpt model = new Gpt(new GptConfig(1, 8, 2, 4, tokenizer.vocabSize()), new PythonRandom(3));

    private static void assertRefused(String expectedPart, Runnable action) {
        InvalidInputException e = assertThrows(InvalidInputException.class, action::run);
        assertTrue(e.getMessage().contains(expectedPart), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void theDataFileADirectoryALinkAndADeviceAreNeverOverwritten() throws IOException {
        Path data = Files.writeString(dir.resolve("names.txt"), "anna\n");
        assertRefused("it is the training data file", () -> CheckpointTarget.requireWritable(data, data));
        assertRefused("it is the training data file", () -> CheckpointTarget.requireWritable(dir.resolve("x/../names.txt"), data));
        assertRefused("a directory", () -> CheckpointTarget.requireWritable(dir, null));
        Path link = Files.createSymbolicLink(dir.resolve("link"), data);
        assertRefused("a symbolic link", () -> Checkpoint.save(link, model, tokenizer, 1));
        if (Files.exists(Path.of("/dev/null"))) {
            assertRefused("a special file", () -> Checkpoint.save(Path.of("/dev/null"), model, tokenizer, 1));
        }
        assertRefused("cannot create", () -> CheckpointTarget.requireWritable(data.resolve("model.mgpt"), null));
        assertEquals("anna\n", Files.readString(data));
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void aWritableTargetPassesAndLeavesNothingBehind() throws IOException {
        Path target = dir.resolve("sub/model.mgpt");
        CheckpointTarget.requireWritable(target, dir.resolve("names.txt"));
        assertFalse(Files.exists(target));
        assertFalse(Files.exists(CheckpointTarget.temporaryFor(target)));
    }

    @Test
    void aLeftoverTemporaryFileIsReplacedNotPiledUp() throws IOException {
        Path target = dir.resolve("model.mgpt");
        Path temp = CheckpointTarget.temporaryFor(target);
        assertEquals(dir.resolve("model.mgpt.tmp").toAbsolutePath(), temp, "one name, next to the target");
        Files.writeString(temp, "left by a killed save");
        Checkpoint.save(target, model, tokenizer, 7);
        Checkpoint.save(target, model, tokenizer, 8);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
        assertEquals(8, Checkpoint.load(target).trainedSteps());
    }

    @Test
    void aDivergedModelIsNotSaved() {
        double[] weights = model.weights();
        weights[5] = Double.NaN;
        Gpt diverged = Gpt.withWeights(model.config(), weights);
        Path target = dir.resolve("model.mgpt");
        assertRefused("weight 5 is NaN", () -> Checkpoint.save(target, diverged, tokenizer, 1));
        assertFalse(Files.exists(target));
    }

    @Test
    void aCheckpointClaimingAHugeContextIsRefusedBeforeItsModelIsBuilt() {
        Path wide = dir.resolve("wide.mgpt");
        Checkpoint.save(wide, new Gpt(new GptConfig(1, 1, 1, 40_000, 2), new PythonRandom(1)), new Tokenizer(new int[] {'a'}), 0);
        assertRefused("holds a model too large for this JVM", () -> Checkpoint.load(wide));
    }

    @Test
    void aDeviceIsNotReadAsACheckpoint() {
        if (Files.exists(Path.of("/dev/zero"))) {
            assertRefused("is not a regular file", () -> Checkpoint.load(Path.of("/dev/zero")));
        }
        assertRefused("is not a regular file", () -> Checkpoint.load(dir));
    }
}
