package microgpt.widgets;

/**
 * The CSS box of a widget (ipywidgets' {@code LayoutModel}): its own model, which a widget refers to from its
 * {@code layout} key. Only the keys set here are sent; the front end gives every other its default.
 */
public final class Layout extends Widget {

    public Layout() {
        super(BASE, "LayoutModel", BASE, "LayoutView");
    }

    /** A CSS width, e.g. {@code "420px"} or {@code "100%"}. */
    public Layout width(String cssWidth) {
        set("width", cssWidth);
        return this;
    }

}
