package microgpt.notebook;

/**
 * An HTML fragment to show in a notebook, with the text that stands for it anywhere else (a console, a plain-text
 * view of the notebook). {@link MicrogptExtension} renders it as {@code text/html} plus {@code text/plain}.
 *
 * @param html the fragment
 * @param text its plain-text version
 */
public record Html(String html, String text) {

    @Override
    public String toString() {
        return text;
    }
}
