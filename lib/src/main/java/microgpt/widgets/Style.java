package microgpt.widgets;

/**
 * The look of a control that is not CSS layout (ipywidgets' style models): here the width of the description
 * in front of it. Each kind of control has its own style model, named by {@code modelName}.
 */
public final class Style extends Widget {

    Style(String modelName) {
        super(CONTROLS, modelName, BASE, "StyleView");
        set("description_width", "initial");   // as wide as the description needs, never cut off
    }

    static Style forSlider() {
        return new Style("SliderStyleModel");
    }

    static Style forText() {
        return new Style("TextStyleModel");
    }

    static Style forHtml() {
        return new Style("HTMLStyleModel");
    }
}
