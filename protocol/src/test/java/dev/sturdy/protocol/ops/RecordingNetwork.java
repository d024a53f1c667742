package dev.sturdy.protocol.ops;

import dev.sturdy.protocol.net.ForwardingNetwork;
import dev.sturdy.protocol.net.Network;
import java.util.ArrayList;
import java.util.List;

/**
 * Wraps an endpoint and keeps what every exchange among the compute parties revealed to this
 * party: its own share combined with the shares it received (added, or XORed for the bit
 * openings of {@link ExactRelu}). That is the party's view of the protocol's openings.
 */
final class RecordingNetwork extends ForwardingNetwork {
    final List<long[]> opened = new ArrayList<>();

    RecordingNetwork(Network inner) {
        super(inner);
    }

    @Override
    public void exchange(long tag, long[] payload, int length, long[][] into) {
        super.exchange(tag, payload, length, into);
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
}
