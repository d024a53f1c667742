package dev.sturdy.party.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A subcommand that prints its results through picocli's writer, so tests and callers can capture them. */
public abstract class PrintingCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A bound or other setting as a user typed it: "25", not "25.0". */
    protected static String plain(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
