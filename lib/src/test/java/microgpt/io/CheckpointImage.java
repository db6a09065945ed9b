package microgpt.io;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;
import microgpt.random.PythonRandom;

/**
 * The fields of a checkpoint file, written in its format (see {@link Checkpoint}) whatever they
 * hold, so that a test can craft damaged files that still carry a valid CRC-32C.
 */
record CheckpointImage(int nLayer, int nEmbd, int nHead, int blockSize, int[] chars, int trainedSteps,
        double[] weights, int weightCount) {

    private static final int MAGIC = 0x4D475054; // "MGPT"
    static final int HEADER_INTS = 8;           // magic, version, five config ints, character count

    CheckpointImage(int nLayer, int nEmbd, int nHead, int blockSize, int[] chars, int trainedSteps, double[] weights) {
        this(nLayer, nEmbd, nHead, blockSize, chars, trainedSteps, weights, weights.length);
    }

    /** A consistent checkpoint of this shape with weights drawn from gauss(0, 1). */
    static CheckpointImage of(int nLayer, int nEmbd, int nHead, int blockSize, int[] chars, int trainedSteps) {
        return random(new int[] {nLayer, nEmbd, nHead, blockSize}, chars, trainedSteps, 1);
    }

    static CheckpointImage random(int[] shape, int[] chars, int trainedSteps, long seed) {
        int nLayer = shape[0];
        int nEmbd = shape[1];
        int vocab = chars.length + 1;
        int count = 2 * vocab * nEmbd + shape[3] * nEmbd + 12 * nLayer * nEmbd * nEmbd;
        PythonRandom rng = new PythonRandom(seed);
        double[] weights = new double[count];
        for (int i = 0; i < count; i++) {
            weights[i] = rng.gauss(0, 1);
        }
        return new CheckpointImage(nLayer, nEmbd, shape[2], shape[3], chars, trainedSteps, weights);
    }

    CheckpointImage withWeightCount(int count) {
        return new CheckpointImage(nLayer, nEmbd, nHead, blockSize, chars, trainedSteps, weights, count);
    }

    /** Every byte before the CRC. */
    byte[] body() {
        ByteBuffer out = ByteBuffer.allocate(4 * HEADER_INTS + 4 * chars.length + 8 + 8 * weights.length);
        out.putInt(MAGIC).putInt(Checkpoint.VERSION);
        out.putInt(nLayer).putInt(nEmbd).putInt(nHead).putInt(blockSize).putInt(chars.length + 1).putInt(chars.length);
        for (int c : chars) {
            out.putInt(c);
        }
        out.putInt(trainedSteps).putInt(weightCount);
        for (double w : weights) {
            out.putDouble(w);
        }
        return out.array();
    }

    /** The whole file: the body and its valid CRC. */
    byte[] bytes() {
        return withCrc(body());
    }

    static byte[] withCrc(byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(body);
        return ByteBuffer.allocate(body.length + 4).put(body).putInt((int) crc.getValue()).array();
    }

    /** Sets header int {@code field} (1 = version, 2..6 = the config, 7 = character count, 8 = steps, 9 = weight count). */
    static byte[] setHeaderInt(byte[] body, int field, int value) {
        byte[] out = body.clone();
        long at = field <= 7 ? 4L * field : stepsOffset(body) + 4L * (field - 8);
        if (at >= 0 && at + 4 <= out.length) {
            ByteBuffer.wrap(out).putInt((int) at, value);
        }
        return out;
    }

    // The steps field follows the characters, whose count is header int 7 as written; past the end if there is none.
    private static long stepsOffset(byte[] body) {
        return body.length < 4 * HEADER_INTS ? body.length : 4L * HEADER_INTS + 4L * ByteBuffer.wrap(body).getInt(4 * 7);
    }

    /** Puts {@code value} in one of the 8-byte slots at the end of the body, where the weights are. */
    static byte[] setLastWeightsDouble(byte[] body, double at, double value) {
        byte[] out = body.clone();
        long start = Math.max(0, Math.min(body.length, stepsOffset(body) + 8));
        int slots = (int) ((body.length - start) / 8);
        if (slots > 0) {
            ByteBuffer.wrap(out).putDouble((int) start + 8 * (int) (at * slots * 0.999), value);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CheckpointImage other && Arrays.equals(body(), other.body());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(body());
    }

    @Override
    public String toString() {
        return "CheckpointImage[" + nLayer + ", " + nEmbd + ", " + nHead + ", " + blockSize + ", chars " + Arrays.toString(chars)
                + ", steps " + trainedSteps + ", " + weights.length + " weights (header says " + weightCount + ")]";
    }
}
