package dev.sturdy.net;

import dev.sturdy.protocol.net.NetworkException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The connection to one peer role, shared by every stream: the current channel (replaced when
 * the peer reconnects, which bumps {@link #epoch}), and the state of each stream on it
 * ({@link PeerStream}). A stream's state is created by whichever comes first, the stream's
 * endpoint or the stream's first frame, and outlives the endpoint as a tombstone until swept.
 */
final class PeerLink {
    final int peer;
    final String name;
    private final String self;
    final CompletableFuture<Void> firstConnected = new CompletableFuture<>();
    private final ConcurrentHashMap<Long, PeerStream> streams = new ConcurrentHashMap<>();
    private final AtomicLong unclaimedBytes = new AtomicLong();
    private final AtomicLong sendWaitNanos = new AtomicLong();
    private final FlowControl flow;
    private volatile Channel channel;
    private volatile int epoch;
    private volatile String downReason = "not connected yet";

    private final DelayedWriter delayed;

    /**
     * @param self this role's name, for the reasons it gives the peer
     * @param link emulated conditions for what this role sends to the peer; socketBuffer bounds a sender's lead
     * @param flow the send window towards this peer, whether what it sends is credited, the cap on unclaimed data
     */
    PeerLink(String self, int peer, String name, LinkEmulation link, int socketBuffer, FlowControl flow) {
        this.self = self;
        this.peer = peer;
        this.name = name;
        this.flow = flow;
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

    FlowControl flow() {
        return flow;
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

    /** The stream for a new endpoint; null when this role closed a stream of that id recently (a reused id). */
    PeerStream claim(long stream) {
        PeerStream s = streams.computeIfAbsent(stream, k -> new PeerStream(flow.window()));
        if (s.closed()) {
            return null;
        }
        s.claim(unclaimedBytes);
        return s;
    }

    /** Hands a received chunk to its stream; STARTED when it is the first sign of the stream here. */
    Delivery deliver(long stream, Chunk c) {
        boolean[] created = {false};
        PeerStream s = streams.computeIfAbsent(stream, k -> {
            created[0] = true;
            return new PeerStream(flow.window());
        });
        return switch (s.offer(c, unclaimedBytes, flow.maxUnclaimedBytes())) {
            case QUEUED -> created[0] ? Delivery.STARTED : Delivery.QUEUED;
            case DROPPED -> Delivery.DROPPED;
            case OVER_CAP -> {
                String why = self + " holds more than " + (flow.maxUnclaimedBytes() >> 20) + " MiB from " + name
                        + " for queries no client asked it to run";
                s.stop(why, unclaimedBytes);
                sendStop(stream, why);
                yield Delivery.OVER_CAP;
            }
        };
    }

    enum Delivery { STARTED, QUEUED, DROPPED, OVER_CAP }

    /** The peer stopped serving a stream; remembered even if no frame of it came yet. */
    void stoppedByPeer(long stream, String reason) {
        streams.computeIfAbsent(stream, k -> new PeerStream(flow.window())).stop(reason, unclaimedBytes);
    }

    /** The peer consumed {@code bytes} of a stream this role sends on. */
    void credited(long stream, long bytes) {
        PeerStream s = streams.get(stream);
        if (s != null) {
            s.credit(bytes);
        }
    }

    void closeStream(long stream) {
        PeerStream s = streams.get(stream);
        if (s != null) {
            s.close(unclaimedBytes);
        }
    }

    /** Time senders on this link waited for the peer to credit more of a stream. */
    long sendWaitNanos() {
        return sendWaitNanos.get();
    }

    /** Bytes held for streams no endpoint has claimed (yet). */
    long unclaimedBytes() {
        return unclaimedBytes.get();
    }

    /**
     * Forgets tombstones older than {@code maxAgeNanos} and drops streams no endpoint claimed for
     * that long (frames of queries abandoned before they reached this role).
     */
    void sweep(long maxAgeNanos) {
        long now = System.nanoTime();
        streams.entrySet().removeIf(e -> {
            PeerStream s = e.getValue();
            if (s.closed()) {
                return now - s.closedNanos() > maxAgeNanos;
            }
            boolean stale = !s.claimed() && now - s.createdNanos > maxAgeNanos;
            if (stale) {
                s.discard(unclaimedBytes);
            }
            return stale;
        });
    }

    /** Streams this link holds state for (tombstones included). */
    int streamCount() {
        return streams.size();
    }

    void closeAllStreams() {
        streams.values().forEach(s -> s.close(unclaimedBytes));
        streams.clear();
    }

    /** Tells the peer that this role stopped serving a stream (best effort: a closed connection says it too). */
    void sendStop(long stream, String reason) {
        Channel ch = channel;
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(Frames.cancel(ch.alloc(), stream, reason));
        }
    }

    /** Credits the peer with {@code bytes} of a stream this role consumed. */
    void sendCredit(long stream, long bytes) {
        Channel ch = channel;
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(Frames.credit(ch.alloc(), stream, bytes));
        }
    }

    /**
     * Writes one message as frames of at most {@link Frames#MAX_CHUNK_ELEMENTS}. Each frame first
     * waits for room in the stream's send window (flow control: what the peer has not read yet
     * stays bounded). When the channel's outbound buffer is over its high-water mark, waits for
     * the last write so a fast sender cannot queue unbounded memory. With link emulation the
     * frames go through the {@link DelayedWriter}.
     */
    void send(String self, int sinceEpoch, PeerStream s, long stream, long query, long step, long tag, long[] data,
              int offset, int length, long timeoutMillis) {
        requireUsable(sinceEpoch, self);
        s.requireRunning(self, name);
        Channel ch = channel;
        int pos = 0;
        do {
            int n = Math.min(Frames.MAX_CHUNK_ELEMENTS, length - pos);
            sendWaitNanos.addAndGet(s.reserve(8L * n, timeoutMillis, self, name));
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
