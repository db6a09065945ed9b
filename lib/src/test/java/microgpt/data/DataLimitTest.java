package microgpt.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import microgpt.InvalidInputException;
import microgpt.sample.Sampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLimitTest {

    @TempDir
    Path dir;

    @Test
    void aFileOverTheLimitIsRefusedByItsSizeBeforeReading() throws IOException {
        Path huge = dir.resolve("huge.txt");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(3L << 30); // sparse: 3 GiB that take no disk
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Dataset.load(huge));
        assertTrue(e.getMessage().contains("is 3072.0 MiB; microgpt reads at most 64 MiB"), e.getMessage());
    }

    @Test
    void aFileAtTheLimitIsRead() throws IOException {
        byte[] text = new byte[Dataset.MAX_FILE_BYTES];
        java.util.Arrays.fill(text, (byte) 'a');
        for (int i = 99; i < text.length; i += 100) {
            text[i] = '\n';
        }
        assertEquals((Dataset.MAX_FILE_BYTES + 99) / 100, Dataset.load(Files.write(dir.resolve("max.txt"), text)).size());
    }

    @Test
    void aDeviceThatNeverEndsIsCutAtTheLimit() {
        Path zero = Path.of("/dev/zero");
        if (Files.exists(zero)) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Dataset.load(zero));
            assertTrue(e.getMessage().contains("goes on past 64 MiB"), e.getMessage());
        }
    }

    @Test
    void aTemperatureWhoseInverseOverflowsIsRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Sampler.checkTemperature(1e-310));
        assertTrue(e.getMessage().contains("too small"), e.getMessage());
        Sampler.checkTemperature(1e-300);
    }
}
