package microgpt.io;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import microgpt.InvalidInputException;
import microgpt.data.Tokenizer;
import microgpt.nn.Gpt;
import microgpt.nn.GptConfig;
import microgpt.nn.LanguageModel;
import microgpt.nn.MemoryEstimate;

/**
 * A trained model on disk: its config, its vocabulary and its weights, in a small binary format
 * of our own. All numbers are big-endian.
 *
 * <pre>
 * bytes  field
 * 4      magic "MGPT"
 * 4      format version (1)
 * 4 × 5  n_layer, n_embd, n_head, block_size, vocab_size
 * 4      number of characters c (= vocab_size − 1)
 * 4 × c  the characters, as Unicode code points, in token-id order (BOS is id c)
 * 4      steps the model was trained for (information only)
 * 4      number of weights w (must equal the config's parameter count)
 * 8 × w  the weights, IEEE-754 doubles, in parameter order (wte, wpe, lm_head, then per layer
 *        attn_wq, attn_wk, attn_wv, attn_wo, mlp_fc1, mlp_fc2; each matrix row by row)
 * 4      CRC-32C of every byte before it
 * </pre>
 *
 * Saving writes a temporary file beside the target, NAME.tmp, and renames it (see
 * {@link CheckpointTarget}), so a crash never leaves a half-written checkpoint under the real
 * name; it refuses weights that are not finite. Loading checks the magic, the version, the sizes,
 * the file length, the checksum and the memory the model needs, and refuses a damaged file rather
 * than return a wrong model.
 */
public final class Checkpoint {

    private static final int MAGIC = 0x4D475054; // "MGPT"
    /** The format version this code writes and reads. */
    public static final int VERSION = 1;
    private static final int HEADER_BYTES = 32; // magic, version, five config ints, character count

    /** What a checkpoint holds. */
    public record Contents(Gpt model, Tokenizer tokenizer, int trainedSteps) {}

    private Checkpoint() {}

    /** Writes the model (of either engine) and its tokenizer to {@code file}, atomically. */
    public static void save(Path file, LanguageModel model, Tokenizer tokenizer, int trainedSteps) {
        GptConfig c = model.config();
        if (tokenizer.vocabSize() != c.vocabSize()) {
            throw new InvalidInputException("the tokenizer has " + tokenizer.vocabSize() + " tokens but the model expects " + c.vocabSize());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            for (int v : new int[] {c.nLayer(), c.nEmbd(), c.nHead(), c.blockSize(), c.vocabSize()}) {
                out.writeInt(v);
            }
            int[] chars = tokenizer.codePoints();
            out.writeInt(chars.length);
            for (int ch : chars) {
                out.writeInt(ch);
            }
            out.writeInt(trainedSteps);
            double[] weights = model.weights();
            requireFinite(weights, file);
            out.writeInt(weights.length);
            for (double w : weights) {
                out.writeDouble(w);
            }
            CRC32C crc = new CRC32C();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        CheckpointTarget.writeAtomically(file, bytes.toByteArray());
    }

    /** Refuses to save weights the loader would refuse: a diverged model is not worth a file. */
    private static void requireFinite(double[] weights, Path file) {
        for (int i = 0; i < weights.length; i++) {
            if (!Double.isFinite(weights[i])) {
                throw new InvalidInputException("not saving the model to " + file + ": weight " + i + " is " + weights[i]
                        + ", so training diverged; train again with a smaller learning rate");
            }
        }
    }

    /** Reads a checkpoint, checking everything; a damaged file gets a clear error, never a wrong model. */
    public static Contents load(Path file) {
        byte[] bytes;
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new InvalidInputException("checkpoint " + file + " is not a regular file (a directory or a device);"
                        + " give the file written by `train --save`");
            }
            if (Files.exists(file) && Files.size(file) > MemoryEstimate.heapLimit() / 4) {
                throw new InvalidInputException("checkpoint " + file + " is " + MemoryEstimate.bytes(Files.size(file))
                        + ", too large for this JVM to load (its heap allows " + MemoryEstimate.bytes(MemoryEstimate.heapLimit())
                        + "); give java a larger -Xmx");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("checkpoint " + file + " does not exist; train one with `train --save " + file + "`");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
        String where = "checkpoint " + file;
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < 4 || in.getInt(0) != MAGIC) {
            throw new InvalidInputException(where + " is not a microgpt checkpoint (it does not start with \"MGPT\")");
        }
        if (bytes.length < HEADER_BYTES) {
            throw new InvalidInputException(where + " is truncated: only " + bytes.length + " bytes, too short for the header");
        }
        in.position(4);
        int version = in.getInt();
        if (version != VERSION) {
            throw new InvalidInputException(where + " has format version " + version + ", but this microgpt reads version "
                    + VERSION + "; save it again with a matching microgpt");
        }
        int nLayer = in.getInt();
        int nEmbd = in.getInt();
        int nHead = in.getInt();
        int blockSize = in.getInt();
        int vocabSize = in.getInt();
        int charCount = in.getInt();
        if (charCount < 1 || charCount != vocabSize - 1) {
            throw new InvalidInputException(where + " is damaged: it lists " + charCount + " characters for a vocabulary of " + vocabSize);
        }
        long charsEnd = HEADER_BYTES + 4L * charCount;
        if (bytes.length < charsEnd + 8) {
            throw new InvalidInputException(where + " is truncated: " + bytes.length + " bytes end inside the vocabulary");
        }
        int[] chars = new int[charCount];
        for (int i = 0; i < charCount; i++) {
            chars[i] = in.getInt();
            if (i > 0 && chars[i] <= chars[i - 1] || !Character.isValidCodePoint(chars[i])) {
                throw new InvalidInputException(where + " is damaged: its vocabulary is not a sorted list of distinct characters");
            }
        }
        int trainedSteps = in.getInt();
        if (trainedSteps < 0) {
            throw new InvalidInputException(where + " is damaged: it says the model was trained for " + trainedSteps + " steps");
        }
        int weightCount = in.getInt();
        long expected = charsEnd + 8 + 8L * Math.max(0, weightCount) + 4;
        if (bytes.length < expected) {
            throw new InvalidInputException(where + " is truncated: it should be " + expected + " bytes long but has " + bytes.length);
        }
        if (bytes.length > expected) {
            throw new InvalidInputException(where + " is damaged: it has " + (bytes.length - expected) + " bytes more than its header describes");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        if ((int) crc.getValue() != in.getInt(bytes.length - 4)) {
            throw new InvalidInputException(where + " is damaged: its checksum does not match its contents; use another copy or train again");
        }
        GptConfig config;
        Tokenizer tokenizer;
        int parameterCount;
        try {
            config = new GptConfig(nLayer, nEmbd, nHead, blockSize, vocabSize);
            tokenizer = new Tokenizer(chars);
            parameterCount = config.parameterCount();
        } catch (InvalidInputException e) {
            throw new InvalidInputException(where + " holds an invalid model: " + e.getMessage(), e);
        }
        if (weightCount != parameterCount) {
            throw new InvalidInputException(where + " is damaged: it holds " + weightCount + " weights but its config needs "
                    + parameterCount);
        }
        requireRoom(config, where);
        double[] weights = new double[weightCount];
        for (int i = 0; i < weightCount; i++) {
            weights[i] = in.getDouble();
            if (!Double.isFinite(weights[i])) {
                throw new InvalidInputException(where + " holds a non-finite weight (" + weights[i] + ") at index " + i
                        + "; the model it was saved from had diverged");
            }
        }
        return new Contents(Gpt.withWeights(config, weights), tokenizer, trainedSteps);
    }

    /** Refuses, before allocating, a model this JVM cannot hold and run: its weights as loaded, plus the fast engine. */
    private static void requireRoom(GptConfig config, String where) {
        try {
            long need = (long) ((double) MemoryEstimate.scalarModelBytes(config) + config.fastEngineBytes()); // saturates, never wraps
            MemoryEstimate.require(config, need, "loading and running it");
        } catch (InvalidInputException e) {
            throw new InvalidInputException(where + " holds a model too large for this JVM: " + e.getMessage(), e);
        }
    }
}
