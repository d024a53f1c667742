package dev.sturdy.protocol.cost;

import dev.sturdy.protocol.net.Network;
import dev.sturdy.protocol.net.TrafficStats;

/**
 * A {@link Network} that also measures how long this role waits in receives, per peer, so a
 * {@link CostTracker} built on it splits a label's time into waiting for the dealer, waiting for
 * the other compute parties (their compute and the network), and the rest (own compute). Sends
 * are not timed: they return once the transport has the message.
 */
public final class WaitTimingNetwork implements Network {
    private final Network net;
    private final long[] waitNanos;

    public WaitTimingNetwork(Network net) {
        this.net = net;
        this.waitNanos = new long[net.computeParties() + 1];
    }

    /** Cumulative nanoseconds spent in receives from each peer id (the dealer is id N). */
    public long[] waitNanos() {
        return waitNanos.clone();
    }

    @Override
    public int id() {
        return net.id();
    }

    @Override
    public int computeParties() {
        return net.computeParties();
    }

    @Override
    public void beginQuery(long queryId) {
        net.beginQuery(queryId);
    }

    @Override
    public long currentQuery() {
        return net.currentQuery();
    }

    @Override
    public void send(int peer, long tag, long[] data, int offset, int length) {
        net.send(peer, tag, data, offset, length);
    }

    @Override
    public void receive(int peer, long tag, long[] into, int offset, int length) {
        long t0 = System.nanoTime();
        try {
            net.receive(peer, tag, into, offset, length);
        } finally {
            waitNanos[peer] += System.nanoTime() - t0;
        }
    }

    @Override
    public long[] receive(int peer, long tag) {
        long t0 = System.nanoTime();
        try {
            return net.receive(peer, tag);
        } finally {
            waitNanos[peer] += System.nanoTime() - t0;
        }
    }

    @Override
    public TrafficStats stats() {
        return net.stats();
    }

    @Override
    public void close() {
        net.close();
    }
}
