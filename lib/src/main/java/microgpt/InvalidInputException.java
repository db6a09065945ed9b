package microgpt;

/**
 * Input that microgpt cannot use: a bad setting, a missing or malformed file, a character the
 * model has never seen. The message names the problem, where it is, and what to do about it, and
 * the command line prints it as one line (exit status 2) instead of a stack trace.
 */
public class InvalidInputException extends IllegalArgumentException {

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
