package microgpt.widgets;

/**
 * A one-line text field (ipywidgets' {@code Text}). With continuous updates, every key typed sends the new text.
 */
public final class TextBox extends DomWidget {

    public TextBox(String description, String value, String placeholder) {
        super("TextModel", "TextView", Style.forText());
        describe(description);
        setText("value", value);
        set("placeholder", placeholder == null ? "\u200b" : placeholder);
        set("continuous_update", true);
        set("disabled", false);
    }

    public String value() {
        return text("value");
    }

    /** Replaces the text (the front end follows); the change listeners do not run. */
    public void setValue(String text) {
        setText("value", text);
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
