package microgpt.widgets;

import java.util.List;

/** Widgets laid out in a column ({@code VBox}) or a row ({@code HBox}), in order. */
public class Box extends DomWidget {

    private final List<Widget> children;

    protected Box(boolean column, List<Widget> children) {
        super(column ? "VBoxModel" : "HBoxModel", column ? "VBoxView" : "HBoxView", null);
        this.children = List.copyOf(children);
        set("children", this.children);
        set("box_style", "");
    }

    public static Box column(Widget... children) {
        return new Box(true, List.of(children));
    }

    public static Box row(Widget... children) {
        return new Box(false, List.of(children));
    }

    public List<Widget> children() {
        return children;
    }
}
