package microgpt.fast;

import microgpt.InvalidInputException;

/** How many threads a fast model trains with: the machine's cores unless told otherwise. */
public final class Threads {

    /** The most threads a model may be given; a batch is shared among at most {@link DataParallel#MAX_SHARDS} of them. */
    public static final int MAX = 256;

    private Threads() {}

    /** {@code -Dmicrogpt.threads=N} if set (auto: the default), else the number of available processors. */
    public static int byDefault() {
        String property = System.getProperty("microgpt.threads", "auto").trim();
        if (property.equals("auto")) {
            return Math.min(MAX, Runtime.getRuntime().availableProcessors());
        }
        try {
            return require(Integer.parseInt(property), "-Dmicrogpt.threads");
        } catch (NumberFormatException e) {
            throw new InvalidInputException("-Dmicrogpt.threads must be auto or a number from 1 to " + MAX + ", got '" + property + "'");
        }
    }

    /** Refuses, naming {@code source} (an option), a thread count outside 1 to {@link #MAX}; returns it. */
    public static int require(int threads, String source) {
        if (threads < 1 || threads > MAX) {
            throw new InvalidInputException(source + " must be from 1 to " + MAX + ", got " + threads);
        }
        return threads;
    }
}
