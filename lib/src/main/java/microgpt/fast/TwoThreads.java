package microgpt.fast;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Two threads for the big loops: the calling thread and one helper. Work over a range [0, size),
 * given as a lambda {@code (from, to) -> ...}, is cut in two; the caller runs the first part, the
 * helper the second, and the call returns when both are done. Every result is computed by exactly
 * one thread with the same arithmetic in the same order, so the numbers are the same with one
 * thread or two.
 *
 * <p>The helper spins while work keeps coming (handing a job over then costs a fraction of a
 * microsecond, where waking a sleeping thread costs tens) and parks after a millisecond without
 * any. The second part goes to whichever thread claims it first: if the helper has not started it
 * by the time the caller is done with the first (on a busy machine it may not be running at all),
 * the caller does it too, so a late helper never holds the caller up.
 *
 * <p>There is one helper for the whole JVM. When another thread is using it, the caller runs the
 * whole range alone. Callers first ask {@link #worthSharing}: a job too small to be worth handing
 * over, or any job on a single core or with {@code -Dmicrogpt.threads=1}, is run directly, so that
 * only a shared job costs its lambda (a few dozen bytes); a small model allocates nothing.
 */
final class TwoThreads extends Team {

    /** The team every fast model shares, unless it was made to run alone. */
    static final TwoThreads SHARED = new TwoThreads(threads());

    private static final long IDLE_NANOS = 1_000_000;  // spin this long after the last job, then park

    /**
     * The least work (in multiply-adds) worth a hand-over. Below it the cost is not the hand-over
     * itself but the cache: the helper's half of the results would have to travel back to the
     * caller's core. A model small enough to live in one core's cache (the reference's) runs alone.
     */
    private static final long MIN_WORK = 65_536;

    private final boolean parallel;
    private final AtomicBoolean inUse = new AtomicBoolean();
    private Thread helper;                 // started on first use
    private Range job;                     // published by the volatile write of posted
    private int from;
    private int to;
    private volatile int posted;           // jobs handed to the helper so far
    private final AtomicInteger claimed = new AtomicInteger();   // the last job whose second part a thread took
    private volatile int done;             // jobs whose second part the helper has finished
    private volatile boolean parked;
    private volatile Throwable failure;    // what the helper's part threw, for the caller to rethrow

    private TwoThreads(int threads) {
        this.parallel = threads > 1;
    }

    /** Two threads if the machine has two cores, unless {@code -Dmicrogpt.threads=1}. */
    private static int threads() {
        int cores = Runtime.getRuntime().availableProcessors();
        return "1".equals(System.getProperty("microgpt.threads", "auto").trim()) ? 1 : Math.min(2, cores);
    }

    /**
     * Whether {@code work} (a rough count of multiply-adds) is worth cutting in two: there are two
     * threads and the work pays for the hand-over ({@link #MIN_WORK}).
     */
    @Override
    boolean worthSharing(long work) {
        return parallel && work >= MIN_WORK;
    }

    /** Runs {@code job} over [0, size), in two parts cut at {@code cut} when the helper is free. */
    @Override
    void run(int size, int cut, Range job) {
        if (!parallel || cut <= 0 || cut >= size || !inUse.compareAndSet(false, true)) {
            job.run(0, size);
            return;
        }
        try {
            if (helper == null) {
                helper = new Thread(this::helperLoop, "microgpt-fast-helper");
                helper.setDaemon(true);
                helper.start();
            }
            this.job = job;
            this.from = cut;
            this.to = size;
            int ticket = posted + 1;
            posted = ticket;                       // publishes job, from, to
            if (parked) {
                LockSupport.unpark(helper);
            }
            boolean secondPartIsOurs;
            try {
                job.run(0, cut);
            } finally {
                // Either take the second part before the helper starts it, or wait until it is done:
                // job, from and to must not change while the helper may still read them.
                secondPartIsOurs = claimed.compareAndSet(ticket - 1, ticket);
                for (int spins = 0; !secondPartIsOurs && done != ticket; spins++) {
                    if (spins < 20_000) {
                        Thread.onSpinWait();
                    } else {
                        Thread.yield();            // a long wait: the helper may need this core
                    }
                }
                this.job = null;                   // the helper is done with it: keep no model's arrays alive
            }
            if (secondPartIsOurs) {
                job.run(cut, size);                // the helper had not started: do it here
            }
            Throwable thrown = failure;
            if (thrown != null) {
                failure = null;
                throw new IllegalStateException("the helper thread failed", thrown);
            }
        } finally {
            inUse.set(false);
        }
    }

    private void helperLoop() {
        int seen = 0;
        while (true) {
            long idleSince = System.nanoTime();
            while (posted == seen) {
                if (System.nanoTime() - idleSince < IDLE_NANOS) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    if (posted == seen) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    idleSince = System.nanoTime();
                }
            }
            seen = posted;
            if (claimed.compareAndSet(seen - 1, seen)) {
                try {
                    job.run(from, to);
                } catch (Throwable t) {
                    failure = t;
                }
                done = seen;
            }
        }
    }
}
