package microgpt.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import microgpt.InvalidInputException;
import microgpt.data.Tokenizer;
import microgpt.nn.Gpt;
import microgpt.nn.GptConfig;
import microgpt.random.PythonRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    @TempDir
    Path dir;
    Path file;
    Gpt model;
    Tokenizer tokenizer;

    @BeforeEach
    void save() {
        tokenizer = Tokenizer.fit(List.of("abcé"));
        model = new Gpt(new GptConfig(2, 8, 2, 6, tokenizer.vocabSize()), new PythonRandom(9));
        file = dir.resolve("model.mgpt");
        Checkpoint.save(file, model, tokenizer, 123);
    }

    @Test
    void aReloadedModelGivesTheSameLogits() {
        Checkpoint.Contents loaded = Checkpoint.load(file);
        assertEquals(model.config(), loaded.model().config());
        assertEquals(tokenizer, loaded.tokenizer());
        assertEquals(123, loaded.trainedSteps());
        int[] context = tokenizer.encode("cab");
        assertArrayEquals(model.logits(Arrays.copyOf(context, 4)), loaded.model().logits(Arrays.copyOf(context, 4)));
        assertArrayEquals(model.weights(), loaded.model().weights());
    }

    @Test
    void theWriteLeavesNoTemporaryFileAndReplacesAnOldCheckpoint() throws IOException {
        Gpt other = new Gpt(model.config(), new PythonRandom(10));
        Checkpoint.save(file, other, tokenizer, 5);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
        assertArrayEquals(other.weights(), Checkpoint.load(file).model().weights());
    }

    @Test
    void everyTruncationIsRefused() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (int length : new int[] {0, 3, 10, 31, 40, bytes.length / 2, bytes.length - 5, bytes.length - 1}) {
            Path cut = Files.write(dir.resolve("cut" + length), Arrays.copyOf(bytes, length));
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Checkpoint.load(cut), "length " + length);
            assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("not a microgpt checkpoint"),
                    "length " + length + ": " + e.getMessage());
        }
    }

    @Test
    void everyFlippedByteIsRefused() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 0; i < bytes.length; i += 7) {
            byte[] damaged = bytes.clone();
            damaged[i] ^= 0x10;
            Path bad = Files.write(dir.resolve("bad"), damaged);
            int at = i;
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Checkpoint.load(bad), "byte " + at);
            assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        }
    }

    @Test
    void wrongMagicVersionAndExtraBytesAreNamed() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Path text = Files.writeString(dir.resolve("names.txt"), "emma\nolivia\n");
        assertTrue(assertThrows(InvalidInputException.class, () -> Checkpoint.load(text)).getMessage().contains("not a microgpt checkpoint"));

        byte[] v2 = bytes.clone();
        v2[7] = 2;
        Path newer = Files.write(dir.resolve("v2"), v2);
        assertTrue(assertThrows(InvalidInputException.class, () -> Checkpoint.load(newer)).getMessage().contains("format version 2"));

        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
        Path extra = Files.write(dir.resolve("extra"), longer);
        assertTrue(assertThrows(InvalidInputException.class, () -> Checkpoint.load(extra)).getMessage().contains("3 bytes more"));

        Path missing = dir.resolve("missing.mgpt");
        assertTrue(assertThrows(InvalidInputException.class, () -> Checkpoint.load(missing)).getMessage().contains("does not exist"));
    }

    @Test
    void aCharacterOutsideALoadedCheckpointsVocabularyIsRefused() {
        Checkpoint.Contents loaded = Checkpoint.load(file);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> loaded.tokenizer().encode("abx"));
        assertTrue(e.getMessage().contains("'x' (U+0078) is not in the model's vocabulary"), e.getMessage());
    }
}
