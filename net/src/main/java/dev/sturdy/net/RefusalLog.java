package dev.sturdy.net;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Connections a transport refused. While it starts, the last few are kept for its error message
 * (why a peer never connected); after that they are only counted, so a stream of bogus connects
 * costs no memory. Logged at most once per interval, with the number left out since.
 */
final class RefusalLog {
    private static final int KEPT = 8;
    private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final System.Logger log;
    private final ArrayDeque<String> kept = new ArrayDeque<>();
    private boolean starting = true;
    private boolean loggedAny;
    private long lastLogNanos;
    private long unlogged;
    private long total;

    RefusalLog(System.Logger log) {
        this.log = log;
    }

    synchronized void add(String message) {
        total++;
        if (starting) {
            if (kept.size() == KEPT) {
                kept.removeFirst();
            }
            kept.addLast(message);
        }
        long now = System.nanoTime();
        if (loggedAny && now - lastLogNanos < LOG_INTERVAL_NANOS) {
            unlogged++;
            return;
        }
        log.log(System.Logger.Level.WARNING, unlogged == 0 ? message
                : message + " (and " + unlogged + " more refused connections since the last such message)");
        loggedAny = true;
        lastLogNanos = now;
        unlogged = 0;
    }

    /** Start-up is over: nothing is kept any more. */
    synchronized void startupOver() {
        starting = false;
        kept.clear();
    }

    synchronized List<String> kept() {
        return List.copyOf(kept);
    }

    synchronized long total() {
        return total;
    }
}
