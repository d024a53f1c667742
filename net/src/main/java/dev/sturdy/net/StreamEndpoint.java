package dev.sturdy.net;

import dev.sturdy.protocol.net.Network;
import dev.sturdy.protocol.net.NetworkException;
import dev.sturdy.protocol.net.TrafficStats;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * One stream's {@link Network} endpoint over a {@link NettyTransport}: the frames it sends carry
 * its stream id, and it reads only its own per-peer streams, so any number of streams (queries)
 * run at once over the shared connections. Used by one thread, like every endpoint.
 *
 * <p>It credits what it reads from a windowed peer (the dealer), and when it fails (or the caller
 * {@link #abandon abandons} it), closing it tells every peer to stop serving the stream, so no
 * role keeps computing or sending for a query that is already lost.
 */
final class StreamEndpoint implements Network {
    private static final long POLL_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final NettyTransport transport;
    private final TransportConfig cfg;
    private final long stream;
    private final String self;
    private final int[] epochs;
    private final PeerStream[] streams;
    private final long[] uncredited;
    private final long[] sendStep;
    private final long[] recvStep;
    private final TrafficStats stats;
    private long query = SETUP_QUERY;
    private boolean closed;
    private String failure;

    /** @throws StreamReusedException when this role closed a stream of this id recently */
    StreamEndpoint(NettyTransport transport, long stream) {
        this.transport = transport;
        this.cfg = transport.config();
        this.stream = stream;
        this.self = transport.self();
        int ids = cfg.computeParties() + 1;
        epochs = new int[ids];
        streams = new PeerStream[ids];
        uncredited = new long[ids];
        for (int p = 0; p < ids; p++) {
            if (p != cfg.id()) {
                PeerLink l = transport.link(p);
                epochs[p] = l.epoch();
                streams[p] = l.claim(stream);
                if (streams[p] == null) {
                    closeClaimed();
                    throw new StreamReusedException(self + ": stream " + stream + " was used by a query that ended "
                            + "less than " + transport.tombstoneSeconds() + " s ago");
                }
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
        try {
            PeerLink link = checkPeer(peer);
            link.send(self, epochs[peer], streams[peer], stream, query, sendStep[peer]++, tag, data, offset, length,
                    cfg.receiveTimeout().toMillis());
            stats.recordSent(peer, length);
        } catch (NetworkException e) {
            throw failed(e);
        }
    }

    @Override
    public void receive(int peer, long tag, long[] into, int offset, int length) {
        try {
            Chunk first = first(peer, tag);
            if (first.total() != length) {
                String msg = self + ": message from " + nameOf(peer) + " at (query " + query + ", step " + first.step()
                        + ") has " + first.total() + " elements, expected " + length;
                discardRest(peer, first);
                throw new NetworkException(msg);
            }
            copyMessage(peer, first, into, offset);
        } catch (NetworkException e) {
            throw failed(e);
        }
    }

    @Override
    public long[] receive(int peer, long tag) {
        try {
            Chunk first = first(peer, tag);
            long[] out = new long[first.total()];
            copyMessage(peer, first, out, 0);
            return out;
        } catch (NetworkException e) {
            throw failed(e);
        }
    }

    /** Remembers the first failure: closing then stops the stream on every peer. */
    private NetworkException failed(NetworkException e) {
        if (failure == null) {
            failure = e.getMessage();
        }
        return e;
    }

    @Override
    public void abandon(String reason) {
        if (failure == null) {
            failure = self + ": " + reason;
        }
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
                consumed(peer, c);
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
        consumed(peer, first);
        while (got < total) {
            Chunk c = nextChunk(peer);
            got += c.count();
            consumed(peer, c);
        }
    }

    /** Releases a chunk that was read; credits a windowed peer once a credit step's worth was read. */
    private void consumed(int peer, Chunk c) {
        PeerLink link = transport.link(peer);
        if (link.flow().creditsPeer()) {
            uncredited[peer] += 8L * c.count();
            if (uncredited[peer] >= link.flow().creditStep()) {
                link.sendCredit(stream, uncredited[peer]);
                uncredited[peer] = 0;
            }
        }
        c.release();
    }

    private Chunk nextChunk(int peer) {
        PeerLink link = transport.link(peer);
        long timeout = cfg.receiveTimeout().toNanos();
        long deadline = System.nanoTime() + timeout;
        while (true) {
            Chunk c;
            try {
                c = streams[peer].chunks.poll(POLL_SLICE_NANOS, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NetworkException(self + ": interrupted waiting for " + nameOf(peer), e);
            }
            if (c != null) {
                return c;
            }
            link.requireUsable(epochs[peer], self);
            streams[peer].requireRunning(self, nameOf(peer));
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

    /** Closes the stream here; after a failure, first tells each peer still serving it to stop. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            for (int p = 0; p <= cfg.computeParties(); p++) {
                if (p != cfg.id()) {
                    if (failure != null && streams[p].stoppedBecause() == null) {
                        transport.link(p).sendStop(stream, failure);
                    }
                    transport.link(p).closeStream(stream);
                }
            }
        }
    }

    /** Undoes a constructor that failed half-way. */
    private void closeClaimed() {
        for (int p = 0; p < streams.length; p++) {
            if (streams[p] != null) {
                transport.link(p).closeStream(stream);
            }
        }
    }

    @Override
    public String toString() {
        return "StreamEndpoint[" + self + ", stream " + stream + "]";
    }
}
