package dev.sturdy.protocol.ops;

import dev.sturdy.protocol.net.Network;
import dev.sturdy.protocol.net.TrafficStats;
import java.util.ArrayList;
import java.util.List;

/**
 * Wraps an endpoint and keeps what every exchange among the compute parties revealed to this
 * party: its own share combined with the shares it received (added, or XORed for the bit
 * openings of {@link ExactRelu}). That is the party's view of the protocol's openings.
 */
final class RecordingNetwork implements Network {
    private final Network inner;
    final List<long[]> opened = new ArrayList<>();

    RecordingNetwork(Network inner) {
        this.inner = inner;
    }

    @Override
    public void exchange(long tag, long[] payload, int length, long[][] into) {
        Network.super.exchange(tag, payload, length, into);
        boolean xor = (tag >>> 32) == (ExactRelu.OPEN_TAG >>> 32);
        long[] value = java.util.Arrays.copyOf(payload, length);
        for (int p = 0; p < computeParties(); p++) {
            if (p != id()) {
                for (int i = 0; i < length; i++) {
                    value[i] = xor ? value[i] ^ into[p][i] : value[i] + into[p][i];
                }
            }
        }
        opened.add(value);
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
    }

    @Override
    public long[] receive(int peer, long tag) {
        return inner.receive(peer, tag);
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
