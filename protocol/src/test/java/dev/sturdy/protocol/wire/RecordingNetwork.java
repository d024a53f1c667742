package dev.sturdy.protocol.wire;

import dev.sturdy.protocol.net.ForwardingNetwork;
import dev.sturdy.protocol.net.Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Wraps a compute party's endpoint and keeps what it learns: for every round, its own message
 * combined with every other party's (word by word, both added and XORed: the opened values of an
 * arithmetic opening, the opened bits of a boolean one, as far as a word-wise view shows them),
 * and every correction the dealer sends it.
 */
public final class RecordingNetwork extends ForwardingNetwork {
    public final List<long[]> openedSums = new ArrayList<>();
    public final List<long[]> openedXors = new ArrayList<>();
    public final List<long[]> fromDealer = new ArrayList<>();
    private long[] sum;
    private long[] xor;
    private int pending;

    public RecordingNetwork(Network inner) {
        super(inner);
    }

    @Override
    public void send(int peer, long tag, long[] data, int offset, int length) {
        super.send(peer, tag, data, offset, length);
        if (peer != dealerId() && pending == 0) {
            sum = Arrays.copyOfRange(data, offset, offset + length);
            xor = sum.clone();
            pending = computeParties() - 1;
        }
    }

    @Override
    public void receive(int peer, long tag, long[] into, int offset, int length) {
        super.receive(peer, tag, into, offset, length);
        if (peer == dealerId()) {
            fromDealer.add(Arrays.copyOfRange(into, offset, offset + length));
            return;
        }
        for (int i = 0; i < length; i++) {
            sum[i] += into[offset + i];
            xor[i] ^= into[offset + i];
        }
        if (--pending == 0) {
            openedSums.add(sum);
            openedXors.add(xor);
        }
    }
}
