package dev.sturdy.party.cli;

import java.io.PrintStream;

/**
 * One status line on standard error (standard output stays clean for --json): redrawn in place
 * at most five times a second on a terminal; otherwise printed as a new line at most once per
 * quiet interval, so logs stay short.
 */
final class StatusLine {

    private final PrintStream err = System.err;
    private final boolean terminal = System.console() != null;
    private final long quietNanos;
    private long lastDraw;

    StatusLine(long quietSecondsWithoutTerminal) {
        this.quietNanos = terminal ? 200_000_000L : quietSecondsWithoutTerminal * 1_000_000_000L;
    }

    /** Whether a line should be drawn now; a final line is always due. */
    synchronized boolean due(boolean last) {
        long now = System.nanoTime();
        if (!last && now - lastDraw < quietNanos) {
            return false;
        }
        lastDraw = now;
        return true;
    }

    /** Draws the status; a last status ends the in-place line. */
    synchronized void show(String line, boolean last) {
        err.print(terminal ? "\r" + line + (last ? "\n" : "") : line + "\n");
        err.flush();
    }

    /** A permanent line, ending any in-place status before it. */
    synchronized void println(String line) {
        err.println((terminal ? "\r" : "") + line);
    }
}
