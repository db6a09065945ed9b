package microgpt.widgets;

import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/** How a {@link Widget} is shown as a cell's output; the notebook extension registers it with JJava's renderer. */
public final class WidgetRendering {

    /** The widget view's MIME type, which JupyterLab's widget manager draws. */
    public static final MIMEType VIEW = MIMEType.parse(Widget.VIEW_MIME_TYPE);

    private WidgetRendering() {}

    /**
     * A widget's bundle: the view (when the widget could be opened on a front end), the HTML that stands for it in
     * a static page (JupyterLab shows the view instead), and its text.
     */
    public static void render(Widget widget, Comms comms, RenderContext context) {
        if (widget.open(comms)) {
            context.renderIfRequested(VIEW, widget::viewData);
        }
        String fallback = widget.fallbackHtml();
        if (fallback != null) {
            context.renderIfRequested(MIMEType.TEXT_HTML, () -> fallback);
        }
        context.renderIfRequested(MIMEType.TEXT_PLAIN, widget::toString);
    }
}
