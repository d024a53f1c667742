package dev.sturdy.net;

import dev.sturdy.protocol.net.Network;
import dev.sturdy.protocol.net.NetworkException;
import dev.sturdy.protocol.net.TrafficStats;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * One stream's {@link Network} endpoint over a {@link NettyTransport}: the frames it sends carry
 * its stream id, and it reads only its own per-peer inboxes, so any number of streams (queries)
 * run at once over the shared connections. Used by one thread, like every endpoint.
 */
final class StreamEndpoint implements Network {
    private static final long POLL_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final NettyTransport transport;
    private final TransportConfig cfg;
    private final long stream;
    private final String self;
    private final int[] epochs;
    private final PeerLink.Inbox[] inboxes;
    private final long[] sendStep;
    private final long[] recvStep;
    private final TrafficStats stats;
    private long query = SETUP_QUERY;
    private boolean closed;

    StreamEndpoint(NettyTransport transport, long stream) {
        this.transport = transport;
        this.cfg = transport.config();
        this.stream = stream;
        this.self = transport.self();
        int ids = cfg.computeParties() + 1;
        epochs = new int[ids];
        inboxes = new PeerLink.Inbox[ids];
        for (int p = 0; p < ids; p++) {
            if (p != cfg.id()) {
                PeerLink l = transport.link(p);
                epochs[p] = l.epoch();
                inboxes[p] = l.inbox(stream);
                inboxes[p].claimed = true;
            }
        }
        sendStep = new long[ids];
        recvStep = new long[ids];
        stats = new TrafficStats(ids);
    }

    @Override
    public int id() {
        return cfg.id();
    }

    @Override
    public int computeParties() {
        return cfg.computeParties();
    }

    @Override
    public void beginQuery(long queryId) {
        query = queryId;
        Arrays.fill(sendStep, 0L);
        Arrays.fill(recvStep, 0L);
    }

    @Override
    public long currentQuery() {
        return query;
    }

    private PeerLink checkPeer(int peer) {
        if (peer < 0 || peer > cfg.computeParties()) {
            throw new NetworkException(self + ": peer id " + peer + " out of range, this network has "
                    + cfg.computeParties() + " compute parties and the dealer (id " + cfg.computeParties() + ")");
        }
        if (peer == cfg.id()) {
            throw new NetworkException(self + ": cannot send to itself");
        }
        if (closed) {
            throw new NetworkException(self + ": stream " + stream + " is closed");
        }
        return transport.link(peer);
    }

    @Override
    public void send(int peer, long tag, long[] data, int offset, int length) {
        PeerLink link = checkPeer(peer);
        link.send(self, epochs[peer], stream, query, sendStep[peer]++, tag, data, offset, length,
                cfg.receiveTimeout().toMillis());
        stats.recordSent(peer, length);
    }

    @Override
    public void receive(int peer, long tag, long[] into, int offset, int length) {
        Chunk first = first(peer, tag);
        if (first.total() != length) {
            String msg = self + ": message from " + nameOf(peer) + " at (query " + query + ", step " + first.step()
                    + ") has " + first.total() + " elements, expected " + length;
            discardRest(peer, first);
            throw new NetworkException(msg);
        }
        copyMessage(peer, first, into, offset);
    }

    @Override
    public long[] receive(int peer, long tag) {
        Chunk first = first(peer, tag);
        long[] out = new long[first.total()];
        copyMessage(peer, first, out, 0);
        return out;
    }

    /** Takes the first chunk of the next message and checks its query, step and tag. */
    private Chunk first(int peer, long tag) {
        checkPeer(peer);
        Chunk c = nextChunk(peer);
        long step = recvStep[peer]++; // consumed, even if it turns out to be wrong below
        String error = null;
        if (c.offset() != 0) {
            error = "a message from " + nameOf(peer) + " starts mid-way (offset " + c.offset() + ")";
        } else if (c.query() != query || c.step() != step) {
            error = "out-of-order message from " + nameOf(peer) + ": got (query " + c.query() + ", step " + c.step()
                    + "), expected (query " + query + ", step " + step + ")";
        } else if (c.tag() != tag) {
            error = "message from " + nameOf(peer) + " at (query " + query + ", step " + step + ") has tag "
                    + Long.toHexString(c.tag()) + ", expected " + Long.toHexString(tag)
                    + ": the two sides run different operations";
        }
        if (error != null) {
            discardRest(peer, c);
            throw new NetworkException(self + ": " + error);
        }
        return c;
    }

    private void copyMessage(int peer, Chunk first, long[] into, int offset) {
        int total = first.total();
        Chunk c = first;
        int done = 0;
        while (true) {
            try {
                if (c.offset() != done || c.step() != first.step() || c.query() != first.query()) {
                    throw new NetworkException(self + ": a message from " + nameOf(peer) + " arrived out of order");
                }
                Frames.copyPayload(c.payload(), into, offset + done);
                done += c.count();
            } finally {
                c.release();
            }
            if (done == total) {
                break;
            }
            c = nextChunk(peer);
        }
        stats.recordReceived(peer, total);
    }

    /** Consumes the remaining chunks of a rejected message so the next receive starts at a message boundary. */
    private void discardRest(int peer, Chunk first) {
        int got = first.count();
        int total = first.total();
        first.release();
        while (got < total) {
            Chunk c = nextChunk(peer);
            got += c.count();
            c.release();
        }
    }

    private Chunk nextChunk(int peer) {
        PeerLink link = transport.link(peer);
        long timeout = cfg.receiveTimeout().toNanos();
        long deadline = System.nanoTime() + timeout;
        while (true) {
            Chunk c;
            try {
                c = inboxes[peer].chunks.poll(POLL_SLICE_NANOS, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NetworkException(self + ": interrupted waiting for " + nameOf(peer), e);
            }
            if (c != null) {
                return c;
            }
            link.requireUsable(epochs[peer], self);
            if (System.nanoTime() - deadline > 0) {
                throw new NetworkException(self + ": no message from " + nameOf(peer) + " within "
                        + timeout / 1_000_000 + " ms (query " + query + ", step " + recvStep[peer]
                        + "); has the peer stopped?");
            }
        }
    }

    @Override
    public TrafficStats stats() {
        return stats;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            for (int p = 0; p <= cfg.computeParties(); p++) {
                if (p != cfg.id()) {
                    transport.link(p).closeStream(stream);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "StreamEndpoint[" + self + ", stream " + stream + "]";
    }
}
