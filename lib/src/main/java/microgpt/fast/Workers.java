package microgpt.fast;

/**
 * Who runs a step's independent tasks (the shards of a batch's documents, the slices of the
 * gradient to add up): {@link #ALONE}, the calling thread, or a {@link WorkerPool} of N threads.
 * Each task is run once, by one thread, which passes its worker number (0 for the caller, then
 * 1, 2, ... for the helpers) so that the task can use buffers of that worker's own; which thread
 * runs which task does not change what the task computes, so the numbers do not depend on the
 * number of threads.
 *
 * <p>{@link #ALONE} never touches a thread: the WebAssembly build (which has none) uses only it,
 * so the pool is reached only through {@link #pool(int)}.
 */
abstract class Workers {

    /** One of the independent tasks 0, 1, ..., run by worker {@code worker}. */
    @FunctionalInterface
    interface Task {
        void run(int worker, int task);
    }

    /** The calling thread alone: every task in order, as worker 0. */
    static final Workers ALONE = new Workers() {
        @Override
        int threads() {
            return 1;
        }

        @Override
        void run(int tasks, Task job) {
            for (int t = 0; t < tasks; t++) {
                job.run(0, t);
            }
        }
    };

    /** The JVM's pool of {@code threads} threads (the caller among them), or {@link #ALONE} for one. */
    static Workers pool(int threads) {
        return threads == 1 ? ALONE : WorkerPool.of(threads);
    }

    /** How many threads may run tasks at once. */
    abstract int threads();

    /**
     * Runs tasks 0 to {@code tasks} − 1, each once, and returns when all are done. The worker
     * numbers passed are below min(threads, tasks).
     */
    abstract void run(int tasks, Task job);
}
