package microgpt.cli;

import microgpt.InvalidInputException;
import microgpt.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code java -jar microgpt.jar train|sample|eval ...}. Bad input of any kind
 * ends with one line on stderr and exit status 2, never a stack trace.
 */
@Command(name = "microgpt",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "Train and sample a tiny GPT on names, exactly as Karpathy's microgpt does.",
        subcommands = {TrainCommand.class, SampleCommand.class, EvalCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** The exit status for bad input: an unknown flag, a bad value, a missing or damaged file. */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (0 ok, 2 bad input, 1 internal error, 130 training stopped by Ctrl-C). */
    public static int run(String... args) {
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
            throw e;
        });
        return cli.execute(args);
    }

    /** Reports the library version for {@code --version}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"microgpt " + Version.get() + " (Java " + Runtime.version() + ")"};
        }
    }
}
