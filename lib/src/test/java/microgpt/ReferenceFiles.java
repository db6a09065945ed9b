package microgpt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The reference's recorded outputs (losses, samples, RNG vectors), bundled as test resources under /microgpt/. */
public final class ReferenceFiles {

    private ReferenceFiles() {}

    /** The non-blank lines of the test resource /microgpt/{@code name}. */
    public static List<String> lines(String name) {
        try (InputStream in = ReferenceFiles.class.getResourceAsStream("/microgpt/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource /microgpt/" + name + " is missing from lib/src/test/resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test resource /microgpt/" + name, e);
        }
    }

    /** The losses recorded in /microgpt/{@code name}, one "step loss" line each: step → the loss as written. */
    public static Map<Integer, String> lossesByStep(String name) {
        Map<Integer, String> losses = new LinkedHashMap<>();
        for (String line : lines(name)) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length != 2) {
                throw new IllegalStateException("test resource /microgpt/" + name + ": expected 'step loss', got '" + line + "'");
            }
            losses.put(Integer.parseInt(parts[0]), parts[1]);
        }
        return losses;
    }
}
