package dev.sturdy.party.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The single entry point of the `sturdy` launcher: one subcommand per task. */
@Command(name = "sturdy", mixinStandardHelpOptions = true, version = "sturdy 0.1.0",
        description = "Private inference of sturdy polynomial-approximated neural networks.",
        subcommands = {})
public final class SturdyCli implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SturdyCli()).execute(args));
    }
}
