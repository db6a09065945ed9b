package microgpt.nn;

/**
 * Reads one document token by token: each token goes in at the next position, and out come the
 * logits for the token after it. The key-value cache inside remembers the earlier positions, so
 * no position is computed twice. Forward only: no gradients.
 */
public interface Decoder {

    /**
     * Reads {@code token} at position {@link #position()} and returns the logits for the next
     * token. The array may be reused by the next call: copy it to keep it.
     */
    double[] next(int token);

    /** The position the next token will be read at: how many tokens have been read. */
    int position();

    /** Forgets the document, so that the next token is read at position 0. */
    void reset();
}
