package microgpt.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import microgpt.train.StepResult;
import microgpt.train.TrainingHistory;
import microgpt.train.TrainingListener;

/**
 * Standard output that notices a failed write: a full disk ({@code > /dev/full}) or a reader that
 * went away ({@code | head -1}). The commands check after every line, so they stop at once instead
 * of computing on, or reporting success with nothing written.
 */
final class Output {

    /** Standard output refused a write; the command line turns this into its exit status. */
    static final class Failed extends RuntimeException {
        Failed(String reason) {
            super(reason);
        }

        /** The reader went away (EPIPE): a normal end for `... | head`, so it ends quietly. */
        boolean closedPipe() {
            return getMessage() != null && getMessage().contains("Broken pipe");
        }
    }

    private static volatile IOException lastFailure; // why the real standard output last failed, once installed

    private Output() {}

    /** Replaces System.out with one, in the same encoding, that remembers why a write failed (PrintStream only says that one did). */
    static void install() {
        Charset charset;
        try {
            String encoding = System.getProperty("sun.stdout.encoding");
            charset = encoding == null ? Charset.defaultCharset() : Charset.forName(encoding);
        } catch (RuntimeException e) {
            charset = Charset.defaultCharset();
        }
        FilterOutputStream recording = new FilterOutputStream(new FileOutputStream(FileDescriptor.out)) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                try {
                    out.write(bytes, offset, length);
                } catch (IOException e) {
                    lastFailure = e;
                    throw e;
                }
            }

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }
        };
        System.setOut(new PrintStream(new BufferedOutputStream(recording, 8192), true, charset));
    }

    /** Prints one line and checks that it was written. */
    static void println(PrintStream out, String line) {
        out.println(line);
        check(out);
    }

    /** Throws {@link Failed} if a write to {@code out} has failed (this flushes it first). */
    static void check(PrintStream out) {
        if (out.checkError()) {
            IOException cause = lastFailure;
            throw new Failed(cause == null || cause.getMessage() == null ? "write error" : cause.getMessage());
        }
    }

    /** {@code listener}, then a check of {@code out} after each of its calls: a failed write stops training at once. */
    static TrainingListener checked(TrainingListener listener, PrintStream out) {
        return new TrainingListener() {
            @Override
            public void onStart(int totalSteps) {
                listener.onStart(totalSteps);
                check(out);
            }

            @Override
            public void onStep(StepResult result) {
                listener.onStep(result);
                check(out);
            }

            @Override
            public void onEvaluation(int step, double validationLoss) {
                listener.onEvaluation(step, validationLoss);
                check(out);
            }

            @Override
            public void onFinish(TrainingHistory history) {
                listener.onFinish(history);
                check(out);
            }
        };
    }
}
