package dev.sturdy.protocol.wire;

import dev.sturdy.protocol.net.ForwardingNetwork;
import dev.sturdy.protocol.net.Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    /** Per round tag: the sum and XOR so far, and how many peers' halves are still to come. */
    private final Map<Long, Opening> open = new HashMap<>();

    private static final class Opening {
        final long[] sum;
        final long[] xor;
        int pending;

        Opening(long[] own, int peers) {
            sum = own;
            xor = own.clone();
            pending = peers;
        }
    }

    public RecordingNetwork(Network inner) {
        super(inner);
    }

    @Override
    public void send(int peer, long tag, long[] data, int offset, int length) {
        super.send(peer, tag, data, offset, length);
        // a round sends the same message to every peer: the first send opens it
        if (peer != dealerId() && !open.containsKey(tag)) {
            open.put(tag, new Opening(Arrays.copyOfRange(data, offset, offset + length), computeParties() - 1));
        }
    }

    @Override
    public void receive(int peer, long tag, long[] into, int offset, int length) {
        super.receive(peer, tag, into, offset, length);
        if (peer == dealerId()) {
            fromDealer.add(Arrays.copyOfRange(into, offset, offset + length));
            return;
        }
        Opening o = open.get(tag);
        if (o == null) {
            return; // not a round (a seed sent one way at setup)
        }
        for (int i = 0; i < length; i++) {
            o.sum[i] += into[offset + i];
            o.xor[i] ^= into[offset + i];
        }
        if (--o.pending == 0) {
            open.remove(tag);
            openedSums.add(o.sum);
            openedXors.add(o.xor);
        }
    }
}
