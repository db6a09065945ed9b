package microgpt.cli;

import java.util.concurrent.CountDownLatch;
import microgpt.train.Trainer;

/**
 * While open, Ctrl-C (SIGINT) or a plain {@code kill} (SIGTERM) no longer ends training
 * mid-step with nothing kept: a shutdown hook asks the trainer to stop at the next step boundary
 * and then holds the JVM's exit until the command has printed, saved and closed this. The JVM
 * then exits with 128 + the signal's number: 130 for Ctrl-C, as a shell reports it.
 */
final class StopOnSignal implements AutoCloseable {

    /** The exit status of a run stopped by Ctrl-C: 128 + SIGINT (2). */
    static final int EXIT_INTERRUPTED = 130;

    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;

    StopOnSignal(Trainer trainer) {
        hook = new Thread(() -> {
            trainer.requestStop();
            awaitClose();
        }, "microgpt-stop-on-signal");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private void awaitClose() {
        while (true) {
            try {
                closed.await();
                return;
            } catch (InterruptedException e) {
                // nothing may cut the wait short: the command is still saving the model
            }
        }
    }

    /** Lets a waiting hook finish (the JVM then exits), or removes the hook if no signal came. */
    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownUnderWay) {
            // a signal came: the hook was waiting for this close and now returns
        }
    }
}
