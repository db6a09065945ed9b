package microgpt.widgets;

/**
 * A piece of HTML that the kernel can replace at any time (ipywidgets' {@code HTML} widget): where a live view
 * shows its output. The front end puts the HTML into the page as it is, so only the kernel's own HTML goes here.
 */
public final class HtmlPane extends TextValued {

    public HtmlPane(String html) {
        super("HTMLModel", "HTMLView", Style.forHtml(), "", html, null);
    }

    @Override
    protected Object fromFrontEnd(String key, Object value) {
        return null;   // the page never edits it
    }

    @Override
    public String fallbackHtml() {
        return value();
    }

    @Override
    public String toString() {
        return "HtmlPane(" + value().length() + " characters of HTML)";
    }
}
