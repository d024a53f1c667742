package dev.sturdy.party.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The single entry point of the `sturdy` launcher: one subcommand per task. */
@Command(name = "sturdy", mixinStandardHelpOptions = true, version = "sturdy 0.1.0",
        description = "Private inference of sturdy polynomial-approximated neural networks.",
        subcommands = {PolyCommand.class})
public final class SturdyCli implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /** The command line with every subcommand; a bad argument prints one error line and exits with 2. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SturdyCli());
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println(e.getCommandLine().getCommandSpec().qualifiedName() + ": "
                    + e.getMessage() + " (see --help)");
            return CommandLine.ExitCode.USAGE;
        });
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
