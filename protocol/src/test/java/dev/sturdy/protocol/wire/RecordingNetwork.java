package dev.sturdy.protocol.wire;

import dev.sturdy.protocol.net.ForwardingNetwork;
import dev.sturdy.protocol.net.Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Wraps an endpoint and keeps every message it receives, from the other compute parties (their
 * halves of each opening) and from the dealer (corrections): what this party learns beyond its
 * own shares.
 */
final class RecordingNetwork extends ForwardingNetwork {
    final List<long[]> fromParties = new ArrayList<>();
    final List<long[]> fromDealer = new ArrayList<>();

    RecordingNetwork(Network inner) {
        super(inner);
    }

    @Override
    public void receive(int peer, long tag, long[] into, int offset, int length) {
        super.receive(peer, tag, into, offset, length);
        long[] copy = Arrays.copyOfRange(into, offset, offset + length);
        if (peer == dealerId()) {
            fromDealer.add(copy);
        } else {
            fromParties.add(copy);
        }
    }
}
