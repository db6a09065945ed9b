package microgpt.notebook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a notebook shows for a value: its data by MIME type (text, HTML, Base64 PNG, SVG) and per-type metadata,
 * as in Jupyter's {@code display_data} message. Plain Java, so it can be built and tested without a kernel.
 *
 * @param data     MIME type to content; {@code image/png} content is Base64
 * @param metadata MIME type to metadata, e.g. {@code image/png -> {width: 640, height: 400}}
 */
public record MimeBundle(Map<String, String> data, Map<String, Map<String, Object>> metadata) {

    public static final String TEXT_PLAIN = "text/plain";
    public static final String TEXT_HTML = "text/html";
    public static final String IMAGE_PNG = "image/png";
    public static final String IMAGE_SVG = "image/svg+xml";

    public MimeBundle {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** A bundle with only text/plain. */
    public static MimeBundle text(String text) {
        return new MimeBundle(Map.of(TEXT_PLAIN, text), Map.of());
    }

    /** True when the bundle has content of this MIME type. */
    public boolean has(String mimeType) {
        return data.containsKey(mimeType);
    }

    /** The content of this MIME type, or null. */
    public String get(String mimeType) {
        return data.get(mimeType);
    }

    /** The text/plain content (empty if there is none). */
    public String plainText() {
        return data.getOrDefault(TEXT_PLAIN, "");
    }
}
