package microgpt.widgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonObject;

import org.junit.jupiter.api.Test;

/** The kernel side without a kernel: no comms to find, and JSON handed over through the JsonObject's own package. */
class KernelCommsTest {

    @Test
    void withoutARunningKernelThereAreNoComms() {
        assertNull(Comms.kernel());
    }

    @Test
    void fillsTheOpenMessagesJsonObjectThroughItsOwnParser() throws ReflectiveOperationException {
        JsonObject target = new JsonObject();   // stands for the kernel's relocated JsonObject: same API, other package
        KernelComms.fill(target, "{\"state\":{\"value\":0.5,\"layout\":\"IPY_MODEL_x\"},\"buffer_paths\":[]}");
        assertEquals(0.5, target.getAsJsonObject("state").get("value").getAsDouble());
        assertEquals("IPY_MODEL_x", target.getAsJsonObject("state").get("layout").getAsString());
        assertEquals(0, target.getAsJsonArray("buffer_paths").size());
    }
}
