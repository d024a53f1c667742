package dev.sturdy.party.cli;

import dev.sturdy.protocol.net.NetworkException;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The root of the `sturdy` command line and its error handling, with the subcommands of this module
 * (polynomials, models, training, shares, the roles, queries). The deploy module's entry point puts
 * its own (demo, certs, local, bench) in front; this module cannot name them.
 */
@Command(name = "sturdy", mixinStandardHelpOptions = true, version = "sturdy 0.1.0",
        description = "Private inference of sturdy polynomial-approximated neural networks.")
public final class SturdyCli implements Runnable {

    /** Exit code for bad input: a wrong option, a missing or malformed file. */
    public static final int BAD_INPUT = 2;
    /** Exit code for a job that was refused or failed: a party refused a query, a role is unreachable. */
    public static final int FAILED = 1;

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /** This module's commands only. */
    public static CommandLine commandLine() {
        return commandLine(List.of());
    }

    /**
     * The configured command line, {@code first} listed before this module's commands: user errors
     * become one line on standard error, not a stack trace.
     */
    public static CommandLine commandLine(List<Object> first) {
        CommandLine cli = new CommandLine(new SturdyCli());
        first.forEach(cli::addSubcommand);
        List.of(new PolyCommand(), new ImportCommand(), new PredictCommand(), new EvalCommand(), new TrainCommand(), new ShareCommand(),
                new PartyCommand(), new DealerCommand(), new QueryCommand()).forEach(cli::addSubcommand);
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("sturdy " + cmd.getCommandName() + ": " + e.getMessage()
                    + " (see 'sturdy " + cmd.getCommandName() + " --help')");
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof StatusRuntimeException s) {
                cmd.getErr().println("sturdy " + cmd.getCommandName() + ": " + s.getStatus().getCode() + ": "
                        + s.getStatus().getDescription());
                return FAILED;
            }
            if (e instanceof NetworkException) {
                cmd.getErr().println("sturdy " + cmd.getCommandName() + ": " + e.getMessage());
                return FAILED;
            }
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
