package microgpt.fast;

/**
 * Who runs the big loops: {@link #ALONE}, the calling thread only, or {@link TwoThreads}, the
 * caller and one helper. Work over a range [0, size), given as a lambda {@code (from, to) -> ...},
 * may be cut in two; every result is still computed by one thread with the same arithmetic in the
 * same order, so the numbers are the same either way.
 *
 * <p>{@link #ALONE} never touches a thread: the WebAssembly build (which has none) uses only it,
 * so the threaded team is reached only through {@link #shared()}.
 */
abstract class Team {

    /** Work over a range of indices (rows, columns, heads or weights) that can be cut anywhere. */
    @FunctionalInterface
    interface Range {
        /** Does the part [from, to) of the work. */
        void run(int from, int to);
    }

    /** The calling thread alone: every job runs whole, where it is asked for. */
    static final Team ALONE = new Team() {
        @Override
        boolean worthSharing(long work) {
            return false;
        }

        @Override
        void run(int size, int cut, Range job) {
            job.run(0, size);
        }
    };

    /** The team every fast model on the JVM shares: two threads on two cores or more, unless {@code -Dmicrogpt.threads=1}. */
    static Team shared() {
        return TwoThreads.SHARED;
    }

    /** Whether {@code work} (a rough count of multiply-adds) is worth cutting in two. */
    abstract boolean worthSharing(long work);

    /** Runs {@code job} over [0, size), possibly in two parts cut at {@code cut}; returns when all is done. */
    abstract void run(int size, int cut, Range job);

    /** {@link #run(int, int, Range)} cut in the middle. */
    void run(int size, Range job) {
        run(size, size / 2, job);
    }
}
