package microgpt.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import microgpt.InvalidInputException;
import microgpt.random.PythonRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataTest {

    @TempDir
    Path dir;

    Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    @Test
    void theBundledNamesAreThe32033Documents() {
        Dataset names = Dataset.names();
        assertEquals(32033, names.size());
        assertEquals("emma", names.documents().get(0));
        assertEquals(28830, names.trainSize());
        assertEquals(3203, names.validation().size());
    }

    @Test
    void anyUtf8FileLoadsWithLinesStrippedAndBlankLinesDropped() throws IOException {
        Path file = write("d.txt", "\uFEFF  zoë \r\n\n\t\nrenée\nłukasz\n".getBytes(StandardCharsets.UTF_8));
        Dataset d = Dataset.load(file);
        assertEquals(List.of("zoë", "renée", "łukasz"), d.documents());
        Tokenizer t = Tokenizer.fit(d.documents());
        assertEquals("zoë", t.decode(t.encode("zoë")));
    }

    @Test
    void anEmptyFileIsRefusedClearly() throws IOException {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Dataset.load(write("empty.txt", new byte[0])));
        assertTrue(e.getMessage().contains("empty.txt is empty"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> Dataset.load(write("blank.txt", " \n\n\t\r\n".getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("has only blank lines"), e.getMessage());
    }

    @Test
    void aMissingFileIsRefusedClearly() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Dataset.load(dir.resolve("nope.txt")));
        assertTrue(e.getMessage().contains("nope.txt does not exist"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> Dataset.load(dir));
        assertTrue(e.getMessage().contains("directory"), e.getMessage());
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedWithThePlace() throws IOException {
        byte[] latin1 = "anna\nren\u00e9e\n".getBytes(StandardCharsets.ISO_8859_1);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Dataset.load(write("latin1.txt", latin1)));
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
        assertTrue(e.getMessage().contains("offset 8 (line 2)"), e.getMessage());
    }

    @Test
    void theShuffleIsSeeded() {
        Dataset names = Dataset.names();
        assertEquals(names.shuffled(new PythonRandom(5)).documents(), names.shuffled(new PythonRandom(5)).documents());
        assertTrue(!names.shuffled(new PythonRandom(5)).documents().equals(names.shuffled(new PythonRandom(6)).documents()));
        assertEquals(names.documents(), Dataset.names().documents(), "shuffling returns a copy");
    }

    @Test
    void theTokenizerHasBosAtTheEnd() {
        Tokenizer t = Tokenizer.fit(List.of("cab", "abba"));
        assertEquals(4, t.vocabSize());
        assertEquals(3, t.bos());
        assertArrayEquals(new int[] {3, 2, 0, 1, 3}, t.encode("cab"));
        assertEquals("cab", t.decode(t.encode("cab")));
        assertEquals("<BOS>", t.tokenName(3));
    }

    @Test
    void aCharacterOutsideTheVocabularyIsRefusedWithThePlace() {
        Tokenizer t = Tokenizer.fit(List.of("abc"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> t.encode("abz"));
        assertTrue(e.getMessage().contains("'z' (U+007A)"), e.getMessage());
        assertTrue(e.getMessage().contains("at character 3"), e.getMessage());
        assertTrue(e.getMessage().contains("\"abc\""), e.getMessage());
    }

    @Test
    void smallDatasetsKeepAtLeastOneTrainingDocument() {
        Dataset one = Dataset.of(List.of("x"));
        assertEquals(1, one.train().size());
        assertEquals(0, one.validation().size());
    }

    @Test
    void aVocabularyOfNonCodePointsAndAnUnknownTokenIdAreRefusedClearly() {
        InvalidInputException negative = assertThrows(InvalidInputException.class, () -> new Tokenizer(new int[] {97, -5}));
        assertTrue(negative.getMessage().contains("-5, which is not a Unicode code point"), negative.getMessage());
        assertThrows(InvalidInputException.class, () -> new Tokenizer(new int[] {Character.MAX_CODE_POINT + 1}));
        Tokenizer tokenizer = new Tokenizer(new int[] {'a', 'b'});
        assertEquals("<BOS>", tokenizer.tokenName(2));
        assertEquals("b", tokenizer.tokenName(1));
        for (int bad : new int[] {99, 3, -1}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> tokenizer.tokenName(bad));
            assertTrue(e.getMessage().contains("token id " + bad + " is outside the vocabulary [0, 3)"), e.getMessage());
        }
        assertThrows(InvalidInputException.class, () -> tokenizer.decode(new int[] {0, 7}));
    }
}
