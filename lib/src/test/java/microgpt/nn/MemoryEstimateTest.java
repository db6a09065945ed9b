package microgpt.nn;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import microgpt.InvalidInputException;
import microgpt.fast.FastGpt;
import microgpt.random.PythonRandom;
import org.junit.jupiter.api.Test;

class MemoryEstimateTest {

    @Test
    void theReferenceModelIsSmallAndItsEstimatesArePlausible() {
        GptConfig reference = GptConfig.reference(27);
        long fast = reference.fastEngineBytes();
        assertTrue(fast > 32L * reference.parameterCount() && fast < 2_000_000, "weights, gradients, Adam and activations: " + fast);
        assertTrue(reference.scalarEngineBytes() > MemoryEstimate.scalarModelBytes(reference));
        assertDoesNotThrow(() -> new FastGpt(reference, new PythonRandom(42)));
    }

    /** A batch on threads adds a gradient array per shard beyond the first, and a forward and backward pass's buffers per worker. */
    @Test
    void sharingABatchAddsAGradientArrayPerExtraShard() {
        GptConfig c = new GptConfig(4, 64, 4, 16, 27);
        long perWorker = MemoryEstimate.dataParallelBytes(c, 1, 1);
        assertTrue(perWorker > 8L * 16 * 64 * 4 && perWorker < c.fastEngineBytes(), "one worker's buffers: " + perWorker);
        assertEquals(0, MemoryEstimate.dataParallelBytes(c, 1, 0));
        assertEquals(7 * 8.0 * c.parameterCount(), MemoryEstimate.dataParallelBytes(c, 8, 2) - 2 * perWorker, 2);
    }

    @Test
    void attentionGrowsWithTheSquareOfTheContext() {
        long small = new GptConfig(1, 16, 4, 4000, 27).fastEngineBytes();
        long large = new GptConfig(1, 16, 4, 8000, 27).fastEngineBytes();
        assertEquals(4.0, (double) large / small, 0.1);
    }

    @Test
    void absurdShapesSaturateInsteadOfOverflowing() {
        GptConfig huge = new GptConfig(1, 4, 4, Integer.MAX_VALUE / 4, 2);
        assertTrue(MemoryEstimate.scalarStepBytes(huge, huge.blockSize()) > 0);
        assertEquals(Long.MAX_VALUE, MemoryEstimate.scalarStepBytes(new GptConfig(1_000_000, 4096, 4, 1_000_000, 2), 1_000_000));
    }

    @Test
    void tooLargeShapesAreRefusedInOneLineBeforeAllocating() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new FastGpt(new GptConfig(1, 16, 4, 32768, 27), new PythonRandom(42)));
        assertTrue(e.getMessage().contains("block_size 32768 is too large") && e.getMessage().contains("at most 23170"), e.getMessage());
        GptConfig deep = new GptConfig(100_000, 16, 4, 16, 27);
        e = assertThrows(InvalidInputException.class, () -> new FastGpt(deep, new PythonRandom(42)));
        assertTrue(e.getMessage().startsWith("the fast engine needs about"), e.getMessage());
        assertTrue(e.getMessage().contains("-Xmx"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        e = assertThrows(InvalidInputException.class, () -> new Gpt(deep, new PythonRandom(42)));
        assertTrue(e.getMessage().startsWith("the scalar engine's weights need"), e.getMessage());
    }

    @Test
    void theScalarEngineChecksEachDocumentsGraph() {
        // Few weights, but a graph over 20,000 positions would hold some 10^11 bytes of attention.
        Gpt model = new Gpt(new GptConfig(1, 4, 1, 20_000, 2), new PythonRandom(42));
        int[] longDocument = new int[20_001];
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> model.loss(longDocument));
        assertTrue(e.getMessage().contains("graph of a 20000-position document"), e.getMessage());
        assertDoesNotThrow(() -> model.loss(new int[] {1, 0, 1}), "a short document still fits");
    }

    @Test
    void bytesReadLikePeopleWriteThem() {
        assertEquals("512 B", MemoryEstimate.bytes(512));
        assertEquals("3.4 MB", MemoryEstimate.bytes(3_400_000));
        assertEquals("5.9 GB", MemoryEstimate.bytes(5_900_000_000L));
    }
}
