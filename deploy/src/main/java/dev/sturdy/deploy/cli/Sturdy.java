package dev.sturdy.deploy.cli;

import dev.sturdy.deploy.bench.BenchWorkerCommand;
import dev.sturdy.party.cli.SturdyCli;
import java.util.List;
import picocli.CommandLine;

/** The entry point of the `sturdy` launcher and of every role process it starts: all subcommands. */
public final class Sturdy {
    private Sturdy() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return SturdyCli.commandLine(List.of(new DemoCommand(), new CertsCommand(), new LocalCommand(),
                new BenchCommand(), new BenchWorkerCommand(), new KubeCommand()));
    }
}
