package dev.sturdy.net;

import dev.sturdy.protocol.net.NetworkException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The connection to one peer role, shared by every stream: the current channel (replaced when
 * the peer reconnects, which bumps {@link #epoch}), and per-stream inboxes of received chunks.
 * Inboxes are created by whichever comes first, the stream's endpoint or the stream's first frame.
 */
final class PeerLink {
    /** Received chunks of one stream from this peer; unclaimed inboxes are swept after a while. */
    static final class Inbox {
        final LinkedBlockingQueue<Chunk> chunks = new LinkedBlockingQueue<>();
        final long createdNanos = System.nanoTime();
        volatile boolean claimed;

        void releaseAll() {
            for (Chunk c; (c = chunks.poll()) != null; ) {
                c.release();
            }
        }
    }

    final int peer;
    final String name;
    final CompletableFuture<Void> firstConnected = new CompletableFuture<>();
    private final ConcurrentHashMap<Long, Inbox> inboxes = new ConcurrentHashMap<>();
    private volatile Channel channel;
    private volatile int epoch;
    private volatile String downReason = "not connected yet";

    private final DelayedWriter delayed;

    /** @param link emulated conditions for what this role sends to the peer; socketBuffer bounds a sender's lead */
    PeerLink(int peer, String name, LinkEmulation link, int socketBuffer) {
        this.peer = peer;
        this.name = name;
        this.delayed = link.active() ? new DelayedWriter(link, socketBuffer) : null;
    }

    synchronized void up(Channel ch) {
        Channel old = channel;
        channel = ch;
        epoch++;
        downReason = null;
        if (old != null && old != ch) {
            old.close();
        }
        firstConnected.complete(null);
    }

    /** The channel went away; ignored if it was already replaced by a newer one. */
    synchronized void down(Channel ch, String reason) {
        if (channel == ch && downReason == null) {
            downReason = reason;
        }
    }

    int epoch() {
        return epoch;
    }

    /** Throws unless the peer is connected on the same connection as at {@code sinceEpoch}. */
    void requireUsable(int sinceEpoch, String self) {
        String reason = downReason;
        if (reason != null) {
            throw new NetworkException(self + ": " + name + " is not connected (" + reason + ")");
        }
        if (epoch != sinceEpoch) {
            throw new NetworkException(self + ": the connection to " + name
                    + " was re-established during this query; messages may have been lost");
        }
    }

    Inbox inbox(long stream) {
        return inboxes.computeIfAbsent(stream, s -> new Inbox());
    }

    /** Queues a chunk; true when it is the first sign of this stream here (no endpoint opened it yet). */
    boolean deliver(long stream, Chunk c) {
        boolean[] created = {false};
        Inbox in = inboxes.computeIfAbsent(stream, s -> {
            created[0] = true;
            return new Inbox();
        });
        in.chunks.add(c);
        return created[0];
    }

    void closeStream(long stream) {
        Inbox in = inboxes.remove(stream);
        if (in != null) {
            in.releaseAll();
        }
    }

    /** Drops inboxes no endpoint claimed for {@code maxAgeNanos} (frames of abandoned or finished streams). */
    void sweep(long maxAgeNanos) {
        long now = System.nanoTime();
        inboxes.entrySet().removeIf(e -> {
            Inbox in = e.getValue();
            boolean stale = !in.claimed && now - in.createdNanos > maxAgeNanos;
            if (stale) {
                in.releaseAll();
            }
            return stale;
        });
    }

    void closeAllStreams() {
        inboxes.values().forEach(Inbox::releaseAll);
        inboxes.clear();
    }

    /**
     * Writes one message as frames of at most {@link Frames#MAX_CHUNK_ELEMENTS}. When the channel's
     * outbound buffer is over its high-water mark, waits for the last write so a fast sender cannot
     * queue unbounded memory. With link emulation the frames go through the {@link DelayedWriter}.
     */
    void send(String self, int sinceEpoch, long stream, long query, long step, long tag, long[] data, int offset,
              int length, long timeoutMillis) {
        requireUsable(sinceEpoch, self);
        Channel ch = channel;
        int pos = 0;
        do {
            int n = Math.min(Frames.MAX_CHUNK_ELEMENTS, length - pos);
            ByteBuf frame = Frames.data(ch.alloc(), stream, query, step, tag, length, pos, data, offset + pos, n);
            pos += n;
            if (delayed != null) {
                delayed.write(ch, frame);
                continue;
            }
            ChannelFuture last = ch.write(frame);
            if (!ch.isWritable()) {
                ch.flush();
                await(self, last, timeoutMillis);
            }
        } while (pos < length);
        ch.flush();
    }

    private void await(String self, ChannelFuture f, long timeoutMillis) {
        if (!f.awaitUninterruptibly(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new NetworkException(self + ": sending to " + name + " stalled for " + timeoutMillis
                    + " ms (the peer does not read)");
        }
        if (!f.isSuccess()) {
            throw new NetworkException(self + ": sending to " + name + " failed: " + f.cause(), f.cause());
        }
    }

    Channel channel() {
        return channel;
    }

    /**
     * Before closing: lets delayed frames leave and waits until everything written so far is in the
     * socket (closing a channel drops writes still queued in Netty and TLS), up to {@code timeoutMillis}.
     */
    void flush(long timeoutMillis) {
        if (delayed != null) {
            delayed.drainBefore(TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
        }
        Channel ch = channel;
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).awaitUninterruptibly(timeoutMillis);
        }
    }
}
