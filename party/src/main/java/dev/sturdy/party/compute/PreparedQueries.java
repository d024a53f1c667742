package dev.sturdy.party.compute;

import dev.sturdy.protocol.correlation.PreparedQuery;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * The dealer's stock of queries of one batch size computed ahead ({@link PreparedQuery}): a
 * background thread keeps up to {@code keep} of them ready, and prepares only while the dealer
 * serves no query, so that preparing never competes with a query for the CPU. A query that finds
 * one ready is served from it; the others are served live, as before.
 */
final class PreparedQueries implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PreparedQueries.class.getName());

    private final int batch;
    private final int keep;
    private final Supplier<PreparedQuery> prepare;
    private final Object lock = new Object();
    /** Guarded by {@code lock}, as are the fields below. */
    private final ArrayDeque<PreparedQuery> ready = new ArrayDeque<>();
    private final Thread worker;
    private int serving;
    private boolean closed;
    private boolean stopped;

    PreparedQueries(int batch, int keep, Supplier<PreparedQuery> prepare) {
        if (keep < 1 || batch < 1) {
            throw new IllegalArgumentException("need at least one prepared query of at least one image, got "
                    + keep + " of " + batch);
        }
        this.batch = batch;
        this.keep = keep;
        this.prepare = prepare;
        worker = new Thread(this::work, "sturdy-dealer-prepare");
        worker.setDaemon(true);
        worker.start();
    }

    /** A query of {@code queryBatch} images begins: a prepared one for it, or null (serve it live). */
    PreparedQuery begin(int queryBatch) {
        synchronized (lock) {
            serving++;
            return queryBatch == batch ? ready.poll() : null;
        }
    }

    /** The query begun last ended (served or failed). */
    void end() {
        synchronized (lock) {
            serving--;
            lock.notifyAll();
        }
    }

    /** Waits until {@code keep} queries are ready (the bench times queries that find one). */
    void awaitReady() throws InterruptedException {
        synchronized (lock) {
            while (ready.size() < keep && !closed && !stopped) {
                lock.wait();
            }
            if (ready.size() < keep) {
                throw new IllegalStateException("the dealer is no longer preparing queries ahead");
            }
        }
    }

    int readyCount() {
        synchronized (lock) {
            return ready.size();
        }
    }

    private void work() {
        try {
            while (true) {
                synchronized (lock) {
                    while (!closed && (serving > 0 || ready.size() >= keep)) {
                        lock.wait();
                    }
                    if (closed) {
                        return;
                    }
                }
                PreparedQuery q = prepare.get();
                synchronized (lock) {
                    ready.add(q);
                    lock.notifyAll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | OutOfMemoryError e) {
            // queries are still served live; the operator learns why they are no longer prepared
            LOG.log(System.Logger.Level.WARNING, "the dealer stopped preparing queries ahead: " + e);
        } finally {
            synchronized (lock) {
                stopped = true;
                lock.notifyAll();
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            ready.clear();
            lock.notifyAll();
        }
        worker.interrupt();
    }
}
