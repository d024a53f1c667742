package dev.sturdy.net;

import dev.sturdy.protocol.net.NetworkException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One stream on one {@link PeerLink}: the chunks received and not yet read, the send window (how
 * many payload bytes this role may still send before the peer credits more), whether the peer
 * stopped the stream, and, once this role closed it, a tombstone that drops late frames and
 * refuses the stream id until the sweep forgets it.
 *
 * <p>Frames may arrive before an endpoint claims the stream (a peer started the query first);
 * their bytes count against the link's cap on unclaimed data.
 */
final class PeerStream {
    final LinkedBlockingQueue<Chunk> chunks = new LinkedBlockingQueue<>();
    final long createdNanos = System.nanoTime();
    private boolean claimed;
    private long unclaimedBytes;
    private volatile String stoppedBecause;
    private volatile long closedNanos;
    private long sendLimit;
    private long sent;

    /** @param window payload bytes this role may send ahead of the peer's credits (Long.MAX_VALUE: no flow control) */
    PeerStream(long window) {
        this.sendLimit = window;
    }

    synchronized boolean claimed() {
        return claimed;
    }

    boolean closed() {
        return closedNanos != 0;
    }

    long closedNanos() {
        return closedNanos;
    }

    /** Why the peer stopped serving this stream, or null while it runs. */
    String stoppedBecause() {
        return stoppedBecause;
    }

    /**
     * Queues a chunk unless the stream is closed or stopped. An unclaimed stream's bytes are
     * added to {@code unclaimed}; over {@code cap} the chunk is refused.
     */
    synchronized Delivery offer(Chunk c, AtomicLong unclaimed, long cap) {
        if (closed() || stoppedBecause != null) {
            c.release();
            return Delivery.DROPPED;
        }
        if (!claimed) {
            long bytes = 8L * c.count();
            if (unclaimed.addAndGet(bytes) > cap) {
                unclaimed.addAndGet(-bytes);
                c.release();
                return Delivery.OVER_CAP;
            }
            unclaimedBytes += bytes;
        }
        chunks.add(c);
        return Delivery.QUEUED;
    }

    enum Delivery { QUEUED, DROPPED, OVER_CAP }

    /** An endpoint takes the stream: its queued bytes stop counting as unclaimed. */
    synchronized void claim(AtomicLong unclaimed) {
        claimed = true;
        unclaimed.addAndGet(-unclaimedBytes);
        unclaimedBytes = 0;
    }

    /** The peer (or this role's link, over its cap) stopped the stream; an unclaimed one drops what it holds. */
    synchronized void stop(String reason, AtomicLong unclaimed) {
        if (stoppedBecause == null && !closed()) {
            stoppedBecause = reason;
        }
        if (!claimed) {
            discard(unclaimed);
        }
        notifyAll();
    }

    /** This role's endpoint closed: drop what is left and keep the id as a tombstone. */
    synchronized void close(AtomicLong unclaimed) {
        closedNanos = Math.max(1, System.nanoTime());
        discard(unclaimed);
        notifyAll();
    }

    synchronized void discard(AtomicLong unclaimed) {
        for (Chunk c; (c = chunks.poll()) != null; ) {
            c.release();
        }
        unclaimed.addAndGet(-unclaimedBytes);
        unclaimedBytes = 0;
    }

    /** The peer consumed {@code bytes} more of what this role sent. */
    synchronized void credit(long bytes) {
        sendLimit += bytes;
        notifyAll();
    }

    /**
     * Waits until {@code bytes} more fit in the send window; fails when the peer stopped the
     * stream, or gave no credit for {@code timeoutMillis} (it does not read this stream).
     *
     * @return the nanoseconds it waited
     */
    synchronized long reserve(long bytes, long timeoutMillis, String self, String peer) {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            requireRunning(self, peer);
            if (sent + bytes <= sendLimit) {
                sent += bytes;
                return sendLimit == Long.MAX_VALUE ? 0 : System.nanoTime() - start;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new NetworkException(self + ": " + peer + " read none of this stream's data for "
                        + timeoutMillis + " ms (its window of unread data is full)");
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NetworkException(self + ": interrupted waiting for " + peer + " to read", e);
            }
        }
    }

    /** Throws if the peer stopped this stream. */
    void requireRunning(String self, String peer) {
        String why = stoppedBecause;
        if (why != null) {
            throw new NetworkException(self + ": " + peer + " stopped this query: " + why);
        }
    }
}
