package microgpt.widgets;

/**
 * A one-line text field (ipywidgets' {@code Text}). With continuous updates, every key typed sends the new text.
 */
public final class TextBox extends TextValued {

    public TextBox(String description, String value, String placeholder) {
        super("TextModel", "TextView", Style.forText(), description, value, placeholder);
        set("continuous_update", true);
        set("disabled", false);
    }

    @Override
    protected Object fromFrontEnd(String key, Object value) {
        return "value".equals(key) && value instanceof String ? value : null;
    }

    @Override
    public String toString() {
        return get("description") + " = \"" + value() + "\"";
    }
}
