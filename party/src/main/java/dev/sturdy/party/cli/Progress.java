package dev.sturdy.party.cli;

import java.io.PrintStream;

/**
 * A one-line progress indicator on standard error (standard output stays clean for --json):
 * redrawn in place on a terminal, a few lines otherwise.
 */
final class Progress {

    private final PrintStream err = System.err;
    private final String label;
    private final int total;
    private final long start = System.nanoTime();
    private final boolean terminal = System.console() != null;
    private long lastDraw;

    Progress(String label, int total) {
        this.label = label;
        this.total = total;
    }

    /** Called with the count done so far, from any thread. */
    synchronized void update(int done) {
        long now = System.nanoTime();
        boolean finished = done >= total;
        long interval = terminal ? 200_000_000L : 10_000_000_000L;
        if (!finished && now - lastDraw < interval) {
            return;
        }
        lastDraw = now;
        double seconds = (now - start) / 1e9;
        double rate = done / Math.max(seconds, 1e-9);
        String line = String.format("%-10s %6d/%d  %7.1f/s  %s", label, done, total, rate,
                finished ? String.format("%.1f s", seconds) : String.format("ETA %.0f s", (total - done) / Math.max(rate, 1e-9)));
        if (terminal) {
            err.print("\r" + line + (finished ? "\n" : ""));
        } else if (finished || done > 0) {
            err.println(line);
        }
        err.flush();
    }
}
