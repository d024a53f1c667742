package dev.sturdy.party.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the sturdy command line in-process and captures what it prints. */
public record CliRun(int exitCode, String out, String err) {

    /** This module's commands. */
    public static CliRun of(String... args) {
        return with(SturdyCli.commandLine(), args);
    }

    public static CliRun with(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
