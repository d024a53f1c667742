package dev.sturdy.party.cli;

import dev.sturdy.party.bench.BenchWorkerCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The single entry point of the `sturdy` launcher: one subcommand per task. */
@Command(name = "sturdy", mixinStandardHelpOptions = true, version = "sturdy 0.1.0",
        description = "Private inference of sturdy polynomial-approximated neural networks.",
        subcommands = {DemoCommand.class, PolyCommand.class, ImportCommand.class, EvalCommand.class, TrainCommand.class,
                ShareCommand.class, CertsCommand.class, PartyCommand.class, DealerCommand.class, LocalCommand.class,
                QueryCommand.class, BenchCommand.class, BenchWorkerCommand.class})
public final class SturdyCli implements Runnable {

    /** Exit code for bad input: a wrong option, a missing or malformed file. */
    static final int BAD_INPUT = 2;

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line: user errors become one line on standard error, not a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SturdyCli());
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("sturdy " + cmd.getCommandName() + ": " + e.getMessage()
                    + " (see 'sturdy " + cmd.getCommandName() + " --help')");
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (!isUserError(e)) {
                throw e;
            }
            cmd.getErr().println("sturdy " + cmd.getCommandName() + ": " + message(e));
            return BAD_INPUT;
        });
        return cli;
    }

    private static boolean isUserError(Exception e) {
        return e instanceof IllegalArgumentException || e instanceof IOException || e instanceof UncheckedIOException
                || e instanceof dev.sturdy.model.graph.ModelException;
    }

    private static String message(Exception e) {
        if (e instanceof NoSuchFileException n) {
            return n.getMessage().contains(":") ? n.getMessage() : "no such file: " + n.getFile();
        }
        if (e instanceof UncheckedIOException u) {
            return u.getCause().getMessage();
        }
        return e.getMessage();
    }
}
