package dev.sturdy.protocol.cost;

import dev.sturdy.protocol.net.ForwardingNetwork;
import dev.sturdy.protocol.net.Network;

/**
 * A {@link Network} that also measures how long this role waits in receives, per peer, so a
 * {@link CostTracker} built on it splits a label's time into waiting for the dealer, waiting for
 * the other compute parties (their compute and the network), and the rest (own compute). Sends
 * are not timed: they return once the transport has the message.
 */
public final class WaitTimingNetwork extends ForwardingNetwork {
    private final long[] waitNanos;

    public WaitTimingNetwork(Network net) {
        super(net);
        this.waitNanos = new long[net.computeParties() + 1];
    }

    /** Cumulative nanoseconds spent in receives from each peer id (the dealer is id N). */
    public long[] waitNanos() {
        return waitNanos.clone();
    }

    @Override
    public void receive(int peer, long tag, long[] into, int offset, int length) {
        long t0 = System.nanoTime();
        try {
            inner.receive(peer, tag, into, offset, length);
        } finally {
            waitNanos[peer] += System.nanoTime() - t0;
        }
    }

    @Override
    public long[] receive(int peer, long tag) {
        long t0 = System.nanoTime();
        try {
            return inner.receive(peer, tag);
        } finally {
            waitNanos[peer] += System.nanoTime() - t0;
        }
    }
}
