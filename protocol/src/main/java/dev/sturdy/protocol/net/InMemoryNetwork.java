package dev.sturdy.protocol.net;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A network of N compute parties plus the dealer inside one JVM, for tests and benchmarks: each
 * party runs on its own thread with its own {@link #endpoint(int)}. Directed channels are
 * blocking queues of frames; payloads are copied on send (no aliasing between parties) into
 * arrays recycled through a small per-channel pool, so steady-state rounds do not allocate.
 */
public final class InMemoryNetwork implements AutoCloseable {
    private static final int POOL = 4;

    private final int parties;
    private final long timeoutNanos;
    private final LinkedBlockingQueue<Frame>[][] channels;
    private final ArrayBlockingQueue<long[]>[][] pools;
    private final boolean[] taken;
    private volatile boolean closed;

    private record Frame(long query, long step, long tag, long[] payload, int length) {
    }

    @SuppressWarnings("unchecked")
    public InMemoryNetwork(int computeParties, Duration timeout) {
        if (computeParties < 2) {
            throw new IllegalArgumentException("a network needs at least 2 compute parties, got " + computeParties);
        }
        this.parties = computeParties;
        this.timeoutNanos = timeout.toNanos();
        int ids = computeParties + 1;
        channels = new LinkedBlockingQueue[ids][ids];
        pools = new ArrayBlockingQueue[ids][ids];
        for (int a = 0; a < ids; a++) {
            for (int b = 0; b < ids; b++) {
                channels[a][b] = new LinkedBlockingQueue<>();
                pools[a][b] = new ArrayBlockingQueue<>(POOL);
            }
        }
        taken = new boolean[ids];
    }

    public int computeParties() {
        return parties;
    }

    /** The endpoint of party {@code id} (0..N-1) or of the dealer (id N); each can be taken once. */
    public synchronized Network endpoint(int id) {
        if (id < 0 || id > parties) {
            throw new IllegalArgumentException("id " + id + " out of range: this network has " + parties
                    + " compute parties (ids 0.." + (parties - 1) + ") and the dealer (id " + parties + ")");
        }
        if (taken[id]) {
            throw new IllegalStateException("endpoint " + id + " was already taken");
        }
        taken[id] = true;
        return new Endpoint(id);
    }

    @Override
    public void close() {
        closed = true;
    }

    private final class Endpoint implements Network {
        private final int id;
        private final long[] sendStep = new long[parties + 1];
        private final long[] recvStep = new long[parties + 1];
        private final TrafficStats stats = new TrafficStats(parties + 1);
        private long query = SETUP_QUERY;

        Endpoint(int id) {
            this.id = id;
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public int computeParties() {
            return parties;
        }

        @Override
        public void beginQuery(long queryId) {
            query = queryId;
            java.util.Arrays.fill(sendStep, 0L);
            java.util.Arrays.fill(recvStep, 0L);
        }

        @Override
        public long currentQuery() {
            return query;
        }

        private void checkPeer(int peer) {
            if (peer < 0 || peer > parties) {
                throw new NetworkException(nameOf(id) + ": peer id " + peer + " out of range, this network has "
                        + parties + " compute parties and the dealer (id " + parties + ")");
            }
            if (peer == id) {
                throw new NetworkException(nameOf(id) + ": cannot send to itself");
            }
            if (closed) {
                throw new NetworkException(nameOf(id) + ": the network is closed");
            }
        }

        @Override
        public void send(int peer, long tag, long[] data, int offset, int length) {
            checkPeer(peer);
            long[] buf = pools[id][peer].poll();
            if (buf == null || buf.length < length) {
                buf = new long[length];
            }
            System.arraycopy(data, offset, buf, 0, length);
            channels[id][peer].add(new Frame(query, sendStep[peer]++, tag, buf, length));
            stats.recordSent(peer, length);
        }

        private Frame next(int peer, long tag) {
            checkPeer(peer);
            Frame f;
            try {
                f = channels[peer][id].poll(timeoutNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NetworkException(nameOf(id) + ": interrupted waiting for " + nameOf(peer), e);
            }
            long step = recvStep[peer];
            if (f != null) {
                recvStep[peer]++; // consumed, even if it turns out to be wrong below
            }
            if (f == null) {
                throw new NetworkException(nameOf(id) + ": no message from " + nameOf(peer) + " within "
                        + timeoutNanos / 1_000_000 + " ms (query " + query + ", step " + step
                        + "); has the peer stopped?");
            }
            if (f.query != query || f.step != step) {
                throw new NetworkException(nameOf(id) + ": out-of-order message from " + nameOf(peer) + ": got (query "
                        + f.query + ", step " + f.step + "), expected (query " + query + ", step " + step + ")");
            }
            if (f.tag != tag) {
                throw new NetworkException(nameOf(id) + ": message from " + nameOf(peer) + " at (query " + query
                        + ", step " + step + ") has tag " + Long.toHexString(f.tag) + ", expected "
                        + Long.toHexString(tag) + ": the two sides run different operations");
            }
            stats.recordReceived(peer, f.length);
            return f;
        }

        @Override
        public void receive(int peer, long tag, long[] into, int offset, int length) {
            Frame f = next(peer, tag);
            if (f.length != length) {
                throw new NetworkException(nameOf(id) + ": message from " + nameOf(peer) + " at (query " + query
                        + ", step " + f.step + ") has " + f.length + " elements, expected " + length);
            }
            System.arraycopy(f.payload, 0, into, offset, length);
            pools[peer][id].offer(f.payload);
        }

        @Override
        public long[] receive(int peer, long tag) {
            Frame f = next(peer, tag);
            if (f.payload.length == f.length) {
                return f.payload;
            }
            long[] out = java.util.Arrays.copyOf(f.payload, f.length);
            pools[peer][id].offer(f.payload);
            return out;
        }

        @Override
        public TrafficStats stats() {
            return stats;
        }

        @Override
        public void close() {
            // endpoints share the network's lifetime; closing the InMemoryNetwork closes all
        }

        @Override
        public String toString() {
            return "InMemoryNetwork.Endpoint[" + nameOf(id) + " of " + parties + " parties]";
        }
    }
}
