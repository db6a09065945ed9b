package microgpt.fast;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * N threads for a step's tasks: the calling thread and N − 1 daemon helpers, started on first use
 * and kept for the life of the JVM (one pool per thread count, shared by every model). Each call
 * posts a {@link Round}; every thread, the caller too, claims the next unclaimed task until none is
 * left, so a helper that is late (on a busy machine) holds nobody up: the others take its share.
 *
 * <p>The helpers spin while work keeps coming (a hand-over then costs a fraction of a microsecond,
 * where waking a sleeping thread costs tens) and park after a millisecond without any. When
 * another thread is using the pool, the caller runs every task itself, as worker 0.
 */
final class WorkerPool extends Workers {

    private static final Map<Integer, WorkerPool> POOLS = new ConcurrentHashMap<>();
    private static final long IDLE_NANOS = 200_000;    // spin this long after the last round, then park
    private static final long WAIT_NANOS = 50_000;     // the caller spins this long for the last tasks, then parks

    private final int threads;
    private final AtomicBoolean inUse = new AtomicBoolean();
    private Helper[] helpers;             // started on first use
    private volatile Round round;         // the latest round; a new object each call

    private WorkerPool(int threads) {
        this.threads = threads;
    }

    /** The one pool of {@code threads} threads. */
    static WorkerPool of(int threads) {
        return POOLS.computeIfAbsent(threads, WorkerPool::new);
    }

    @Override
    int threads() {
        return threads;
    }

    @Override
    void run(int tasks, Task job) {
        if (tasks <= 1 || !inUse.compareAndSet(false, true)) {
            ALONE.run(tasks, job);
            return;
        }
        try {
            if (helpers == null) {
                helpers = new Helper[threads - 1];
                for (int i = 0; i < helpers.length; i++) {
                    helpers[i] = new Helper(i + 1);
                }
            }
            Round posted = new Round(job, tasks);
            round = posted;
            for (Helper helper : helpers) {
                if (helper.parked) {
                    LockSupport.unpark(helper.thread);
                }
            }
            posted.work(0);
            posted.awaitTheLastTasks();
            posted.job = null;                     // every task is done: keep no model's arrays alive
            Throwable thrown = posted.failure;
            if (thrown instanceof RuntimeException e) {
                throw e;
            }
            if (thrown instanceof Error e) {
                throw e;
            }
            if (thrown != null) {
                throw new IllegalStateException("a worker thread failed", thrown);
            }
        } finally {
            inUse.set(false);
        }
    }

    /** One call of {@link #run}: its tasks, and how many are claimed and finished. */
    private static final class Round {
        volatile Task job;
        final int tasks;
        final AtomicInteger claimed = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        volatile Throwable failure;            // the first thing a task threw, for the caller to rethrow
        volatile Thread waiter;                // the caller, once it parks to wait for the last tasks

        Round(Task job, int tasks) {
            this.job = job;
            this.tasks = tasks;
        }

        /** Claims and runs tasks until every one is claimed; worker numbers stay below the task count. */
        void work(int worker) {
            if (worker >= tasks) {
                return;
            }
            for (int t = claimed.getAndIncrement(); t < tasks; t = claimed.getAndIncrement()) {
                try {
                    job.run(worker, t);
                } catch (Throwable e) {
                    if (failure == null) {
                        failure = e;
                    }
                } finally {
                    if (finished.incrementAndGet() == tasks && waiter != null) {
                        LockSupport.unpark(waiter);
                    }
                }
            }
        }

        /** The caller's wait for the tasks the helpers still run: a short spin, then it parks and frees its core. */
        void awaitTheLastTasks() {
            long since = System.nanoTime();
            while (finished.get() < tasks && System.nanoTime() - since < WAIT_NANOS) {
                Thread.onSpinWait();
            }
            waiter = Thread.currentThread();
            while (finished.get() < tasks) {
                LockSupport.park(this);
            }
        }
    }

    /** A daemon thread that works on each new round. */
    private final class Helper {
        final Thread thread;
        final int worker;
        volatile boolean parked;

        Helper(int worker) {
            this.worker = worker;
            this.thread = new Thread(this::loop, "microgpt-worker-" + worker);
            thread.setDaemon(true);
            thread.start();
        }

        private void loop() {
            Round seen = null;
            long idleSince = System.nanoTime();
            while (true) {
                Round current = round;
                if (current != seen) {
                    seen = current;
                    current.work(worker);
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < IDLE_NANOS) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    if (round == seen) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}
