package dev.sturdy.protocol.ops;

import dev.sturdy.protocol.net.Network;
import dev.sturdy.protocol.net.TrafficStats;
import java.util.ArrayList;
import java.util.List;

/** Wraps an endpoint and keeps a copy of every message received from compute parties: the party's view. */
final class RecordingNetwork implements Network {
    private final Network inner;
    final List<long[]> received = new ArrayList<>();

    RecordingNetwork(Network inner) {
        this.inner = inner;
    }

    @Override
    public int id() {
        return inner.id();
    }

    @Override
    public int computeParties() {
        return inner.computeParties();
    }

    @Override
    public void beginQuery(long queryId) {
        inner.beginQuery(queryId);
    }

    @Override
    public long currentQuery() {
        return inner.currentQuery();
    }

    @Override
    public void send(int peer, long tag, long[] data, int offset, int length) {
        inner.send(peer, tag, data, offset, length);
    }

    @Override
    public void receive(int peer, long tag, long[] into, int offset, int length) {
        inner.receive(peer, tag, into, offset, length);
        if (peer != dealerId()) {
            received.add(java.util.Arrays.copyOfRange(into, offset, offset + length));
        }
    }

    @Override
    public long[] receive(int peer, long tag) {
        long[] r = inner.receive(peer, tag);
        if (peer != dealerId()) {
            received.add(r.clone());
        }
        return r;
    }

    @Override
    public TrafficStats stats() {
        return inner.stats();
    }

    @Override
    public void close() {
        inner.close();
    }
}
