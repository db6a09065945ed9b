package microgpt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The library's version, as the build wrote it into the jar. */
public final class Version {

    private Version() {}

    /** The version string, for example {@code 0.1.0}. */
    public static String get() {
        try (InputStream in = Version.class.getResourceAsStream("/microgpt/version.properties")) {
            if (in == null) {
                return "unknown (not built by Maven)";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
