package microgpt.widgets;

/** A view whose state is one text, {@code value}: a text box the user types in, or HTML the kernel replaces. */
public abstract class TextValued extends DomWidget {

    /** With the label, the first text, and the hint shown while it is empty (none if null). */
    protected TextValued(String modelName, String viewName, Style style, String description, String value, String placeholder) {
        super(modelName, viewName, style);
        describe(description);
        setText("value", value);
        set("placeholder", placeholder == null ? "\u200b" : placeholder);
    }

    /** The text shown now. */
    public String value() {
        return text("value");
    }

    /** Replaces the text (the front end follows); change listeners do not run. */
    public void setValue(String text) {
        setText("value", text);
    }
}
