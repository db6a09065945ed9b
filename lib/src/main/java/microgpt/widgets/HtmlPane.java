package microgpt.widgets;

/**
 * A piece of HTML that the kernel can replace at any time (ipywidgets' {@code HTML} widget): where a live view
 * shows its output. The front end puts the HTML into the page as it is, so only the kernel's own HTML goes here.
 */
public final class HtmlPane extends DomWidget {

    public HtmlPane(String html) {
        super("HTMLModel", "HTMLView", Style.forHtml());
        describe("");
        set("placeholder", "\u200b");
        setText("value", html);
    }

    public String html() {
        return text("value");
    }

    /** Shows {@code html} instead of what was shown. */
    public void show(String html) {
        setText("value", html);
    }

    @Override
    protected Object fromFrontEnd(String key, Object value) {
        return null;   // the page never edits it
    }

    @Override
    public String fallbackHtml() {
        return html();
    }

    @Override
    public String toString() {
        return "HtmlPane(" + html().length() + " characters of HTML)";
    }
}
