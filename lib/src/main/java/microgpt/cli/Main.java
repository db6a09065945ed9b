package microgpt.cli;

import microgpt.InvalidInputException;
import microgpt.Version;
import microgpt.nn.MemoryEstimate;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code java -jar microgpt.jar train|sample|eval ...}. Whatever goes wrong ends
 * with at most one line on stderr and one of the exit statuses below, never a stack trace.
 */
@Command(name = "microgpt",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "Train and sample a tiny GPT on names, exactly as Karpathy's microgpt does.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:done", "1:internal error (a bug; MICROGPT_TRACE=1 shows the stack trace)",
                "2:bad input: an option, a file, a model too large for memory, or training diverged",
                "3:out of memory while running; give java a larger -Xmx",
                "4:standard output failed (e.g. a full disk)",
                "130:training stopped by Ctrl-C (SIGINT) at a step boundary; the model is saved if --save was given",
                "143:the same, stopped by SIGTERM",
                "141:standard output was closed (e.g. by '| head'); ends quietly"},
        subcommands = {TrainCommand.class, SampleCommand.class, EvalCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** An unexpected exception: a bug. */
    public static final int EXIT_INTERNAL_ERROR = 1;
    /** The exit status for bad input: an unknown flag, a bad value, a missing or damaged file, a model too large, divergence. */
    public static final int EXIT_BAD_INPUT = 2;
    /** The JVM ran out of memory although the model passed the up-front estimate (e.g. a huge data file and a small -Xmx). */
    public static final int EXIT_OUT_OF_MEMORY = 3;
    /** Standard output failed, e.g. a full disk. */
    public static final int EXIT_OUTPUT_FAILED = 4;
    /** Standard output was closed by its reader: 128 + SIGPIPE, as a shell tool killed by it. */
    public static final int EXIT_OUTPUT_CLOSED = 141;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        Output.install();
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (see {@code --help}). */
    public static int run(String... args) {
        try {
            int status = execute(args);
            if (status == 0) {
                Output.check(System.out); // e.g. --help into a full disk; a failure reported already has its status
            }
            return status;
        } catch (Output.Failed e) {
            return outputFailed(e);
        } catch (OutOfMemoryError e) {
            System.err.println("microgpt: out of memory (" + e.getMessage() + ") with java's maximum heap of "
                    + MemoryEstimate.bytes(Runtime.getRuntime().maxMemory()) + "; use a smaller model or data file, or give java a larger -Xmx");
            return EXIT_OUT_OF_MEMORY;
        } catch (RuntimeException | Error e) {
            return internalError("microgpt", e);
        }
    }

    private static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler((e, ignored) -> {
            CommandLine command = e.getCommandLine();
            command.getErr().println(command.getCommandName() + ": " + e.getMessage()
                    + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
            return EXIT_BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, command, ignored) -> {
            if (e instanceof InvalidInputException) {
                command.getErr().println(command.getCommandName() + ": " + e.getMessage());
                return EXIT_BAD_INPUT;
            }
            if (e instanceof Output.Failed failed) {
                return outputFailed(failed);
            }
            if (e.getCause() instanceof OutOfMemoryError oom) { // e.g. in the fast engine's helper thread
                throw oom;
            }
            return internalError(command.getCommandName(), e);
        });
        return cli.execute(args);
    }

    private static int outputFailed(Output.Failed e) {
        if (e.closedPipe()) {
            return EXIT_OUTPUT_CLOSED;
        }
        System.err.println("microgpt: cannot write to standard output (" + e.getMessage() + "); stopped");
        return EXIT_OUTPUT_FAILED;
    }

    private static int internalError(String command, Throwable e) {
        if (System.getenv("MICROGPT_TRACE") != null) {
            e.printStackTrace();
        }
        System.err.println(command + ": internal error: " + e + "; please report it (MICROGPT_TRACE=1 shows the stack trace)");
        return EXIT_INTERNAL_ERROR;
    }

    /** Reports the library version for {@code --version}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"microgpt " + Version.get() + " (Java " + Runtime.version() + ")"};
        }
    }
}
