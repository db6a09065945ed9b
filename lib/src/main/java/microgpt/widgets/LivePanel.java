package microgpt.widgets;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import microgpt.viz.Tables;

/**
 * Controls above one output that follows them: whenever the user changes a control, {@code view} runs again and
 * the HTML it returns replaces the output. It runs once at the start, so the output is there before anyone
 * touches a control.
 *
 * <p>In JupyterLab with a running Java kernel the controls are live. Where no kernel answers (the book, a saved
 * notebook opened without its kernel) the panel shows that first output, the controls' values and the line
 * {@value #NEEDS_KERNEL}. If {@code view} fails, the output is the failure's message, in one line.
 */
public final class LivePanel extends Box {

    /** The note under the output of a panel shown without a kernel. */
    public static final String NEEDS_KERNEL = "live controls need a running Java kernel";

    private final Supplier<String> view;
    private final List<DomWidget> controls;
    private final HtmlPane output;

    private LivePanel(Supplier<String> view, List<DomWidget> controls, HtmlPane output) {
        super(true, List.of(Box.row(controls.toArray(Widget[]::new)), output));
        this.view = view;
        this.controls = controls;
        this.output = output;
        controls.forEach(control -> control.onChange(this::refresh));
    }

    /** A panel whose output is {@code view}'s HTML, run again after every change of one of the {@code controls}. */
    public static LivePanel of(Supplier<String> view, DomWidget... controls) {
        if (view == null || controls.length == 0) {
            throw new IllegalArgumentException("LivePanel.of needs a view and at least one control");
        }
        LivePanel panel = new LivePanel(view, List.of(controls), new HtmlPane(""));
        panel.refresh();
        return panel;
    }

    /** Runs the view again and shows its HTML; returns it. */
    public String refresh() {
        String html;
        try {
            html = view.get();
        } catch (RuntimeException | StackOverflowError e) {
            html = "<div style=\"color:#b00020\">" + Tables.escape(oneLine(e)) + "</div>";
        }
        output.setValue(html);
        return html;
    }

    /** The HTML shown now. */
    public String html() {
        return output.value();
    }

    @Override
    public String fallbackHtml() {
        return output.value() + "<p style=\"color:#666;font-size:90%\">" + Tables.escape(values()) + " &middot; <i>"
                + NEEDS_KERNEL + "</i></p>";
    }

    @Override
    public String toString() {
        return "LivePanel: " + values() + " (" + NEEDS_KERNEL + ")";
    }

    private String values() {
        return controls.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage().strip();
        return message.isEmpty() ? e.getClass().getSimpleName() : message.lines().findFirst().orElseThrow();
    }
}
