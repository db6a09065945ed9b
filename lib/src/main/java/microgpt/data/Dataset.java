package microgpt.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import microgpt.InvalidInputException;
import microgpt.random.PythonRandom;

/**
 * The documents to learn from: one per line of a UTF-8 text file, surrounding white space
 * stripped, blank lines dropped. The bundled data is the 32,033 names of {@code names.txt}.
 *
 * <p>The split: after the seeded shuffle, the first 90% of the documents are for training and
 * the last 10% are held out for validation. Training walks the training documents in order, so a
 * run shorter than the training split sees exactly the documents the reference sees.
 */
public final class Dataset {

    /** The share of the documents held out for validation, taken from the end after the shuffle. */
    public static final double VALIDATION_FRACTION = 0.10;

    /** The largest data file read: 64 MiB, two million lines of 32 characters; it bounds the memory a file can take. */
    public static final int MAX_FILE_BYTES = 64 << 20;

    private static final String NAMES_RESOURCE = "/microgpt/names.txt";

    private final List<String> documents;

    private Dataset(List<String> documents) {
        this.documents = documents;
    }

    /** A dataset of the given documents, in the given order. */
    public static Dataset of(List<String> documents) {
        return new Dataset(List.copyOf(documents));
    }

    /** The bundled names dataset (32,033 names), in file order. */
    public static Dataset names() {
        try (InputStream in = Dataset.class.getResourceAsStream(NAMES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled resource " + NAMES_RESOURCE + " is missing from the jar; rebuild it with `mvn package`");
            }
            return parse(decodeUtf8(in.readAllBytes(), "bundled " + NAMES_RESOURCE), "bundled " + NAMES_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled " + NAMES_RESOURCE, e);
        }
    }

    /** The documents of a text already in memory (one per line, as a file), e.g. one a browser fetched; {@code where} names it in errors. */
    public static Dataset fromText(String text, String where) {
        return parse(text.startsWith("\uFEFF") ? text.substring(1) : text, where);
    }

    /** Loads any UTF-8 text file with one document per line, of at most {@link #MAX_FILE_BYTES}. */
    public static Dataset load(Path file) {
        byte[] bytes;
        try {
            if (Files.isRegularFile(file) && Files.size(file) > MAX_FILE_BYTES) {
                throw tooLarge(file, String.format(java.util.Locale.ROOT, "is %.1f MiB", Files.size(file) / (double) (1 << 20)));
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_FILE_BYTES + 1); // a device such as /dev/zero never ends: stop after the limit
            }
            if (bytes.length > MAX_FILE_BYTES) {
                throw tooLarge(file, "goes on past " + (MAX_FILE_BYTES >> 20) + " MiB (a device or a pipe?)");
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("data file " + file + " does not exist; check the path (it is relative to "
                    + Path.of("").toAbsolutePath() + ")");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read data file " + file + ": " + e.getMessage()
                    + (Files.isDirectory(file) ? " (it is a directory; give a text file)" : ""), e);
        }
        return parse(decodeUtf8(bytes, "data file " + file), "data file " + file);
    }

    private static InvalidInputException tooLarge(Path file, String size) {
        return new InvalidInputException("data file " + file + " " + size + "; microgpt reads at most " + (MAX_FILE_BYTES >> 20)
                + " MiB of data; use a smaller file (for example its first lines: head -n 100000)");
    }

    private static String decodeUtf8(byte[] bytes, String where) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never gives more chars than bytes
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new InvalidInputException(where + " is not valid UTF-8: bad byte 0x"
                    + String.format("%02X", bytes[in.position()]) + " at offset " + in.position() + " (line " + line
                    + "); convert the file to UTF-8, for example with `iconv -f LATIN1 -t UTF-8`");
        }
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text; // drop a byte-order mark
    }

    private static Dataset parse(String text, String where) {
        List<String> docs = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String doc = line.strip();
            if (!doc.isEmpty()) {
                docs.add(doc);
            }
        }
        if (docs.isEmpty()) {
            throw new InvalidInputException(where + (text.isEmpty() ? " is empty" : " has only blank lines")
                    + "; it needs at least one non-blank line (one document per line)");
        }
        return new Dataset(Collections.unmodifiableList(docs));
    }

    /** The documents, in their current order. */
    public List<String> documents() {
        return documents;
    }

    public int size() {
        return documents.size();
    }

    /** A copy shuffled with the given generator, exactly as {@code random.shuffle(docs)}. */
    public Dataset shuffled(PythonRandom rng) {
        List<String> copy = new ArrayList<>(documents);
        rng.shuffle(copy);
        return new Dataset(Collections.unmodifiableList(copy));
    }

    /** How many documents are for training: all but the last 10% (at least one). */
    public int trainSize() {
        int validation = (int) Math.floor(documents.size() * VALIDATION_FRACTION);
        return Math.max(1, documents.size() - validation);
    }

    /** The first 90% of the documents. */
    public List<String> train() {
        return documents.subList(0, trainSize());
    }

    /** The last 10% of the documents, held out (empty for a very small dataset). */
    public List<String> validation() {
        return documents.subList(trainSize(), documents.size());
    }

    @Override
    public String toString() {
        return "Dataset[" + size() + " documents: " + train().size() + " train, " + validation().size() + " validation]";
    }
}
