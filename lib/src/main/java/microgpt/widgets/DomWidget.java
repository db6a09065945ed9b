package microgpt.widgets;

import java.util.List;

/**
 * A widget with a view on the page (ipywidgets' {@code DOMWidgetModel}): it has a {@link Layout} and, for controls,
 * a {@link Style}, both widgets of their own, plus the keys every such view reads.
 */
public abstract class DomWidget extends Widget {

    private final Layout layout = new Layout();

    /** A view of {@code @jupyter-widgets/controls}; {@code style} may be null for views that have none. */
    protected DomWidget(String modelName, String viewName, Style style) {
        super(CONTROLS, modelName, CONTROLS, viewName);
        set("layout", layout);
        if (style != null) {
            set("style", style);
        }
        set("_dom_classes", List.of());
        set("tabbable", null);
        set("tooltip", null);
    }

    /** This widget's layout, to size it. */
    public Layout layout() {
        return layout;
    }

    /** A text-valued key, never null (empty when unset). */
    protected final String text(String key) {
        Object value = get(key);
        return value == null ? "" : String.valueOf(value);
    }

    /** Sets a text-valued key; null becomes the empty text. */
    protected final void setText(String key, String value) {
        set(key, value == null ? "" : value);
    }

    /** A control's label and description keys, as every labelled control has them. */
    protected final void describe(String description) {
        set("description", description == null ? "" : description);
        set("description_allow_html", false);
    }
}
