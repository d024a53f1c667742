package dev.sturdy.protocol.dealer;

import dev.sturdy.protocol.net.Network;
import dev.sturdy.protocol.net.NetworkException;
import dev.sturdy.protocol.prg.Prg;
import dev.sturdy.protocol.prg.Seed;
import dev.sturdy.protocol.ring.Conv2dGeometry;

/**
 * A compute party's side of the correlated randomness. Party i derives its shares from
 * PRG(s_i), the seed it shares with the dealer; party 0 derives the masks (a, b, r) the same way
 * and receives the correlated part (c, or r >>> f and msb(r) 2^(64-f)) as one correction message from the
 * dealer. Requests must come in the same order as the dealer serves them; a correction whose tag
 * or length does not match the request is an error.
 */
public final class PartyCorrelations {
    private final Network net;
    private final Prg prg;
    private final long[] usage = new long[CorrelationKind.values().length];
    private java.util.function.Consumer<CorrelationRequest> listener;

    public PartyCorrelations(Network net, Seed dealerSeed) {
        if (net.isDealer()) {
            throw new IllegalArgumentException("PartyCorrelations is for compute parties; the dealer uses Dealer");
        }
        this.net = net;
        this.prg = new Prg(dealerSeed);
    }

    public int party() {
        return net.id();
    }

    /** This party's shares of the requested correlation, in fresh arrays of exact sizes. */
    public CorrelatedShares take(CorrelationRequest req) {
        return take(req, null);
    }

    /**
     * As {@link #take(CorrelationRequest)}, but the masks (the first {@link CorrelationRequest#derivedArrays()}
     * arrays) are borrowed from {@code pool} when it is not null: they may be longer than their
     * size and go back to the pool when the caller is done. The correlated arrays are always fresh.
     */
    public CorrelatedShares take(CorrelationRequest req, dev.sturdy.protocol.ring.LongArrayPool pool) {
        int[] sizes = req.arraySizes();
        int derived = req.derivedArrays();
        long[][] arrays = new long[sizes.length][];
        for (int i = 0; i < derived; i++) {
            arrays[i] = pool == null ? new long[sizes[i]] : pool.borrow(sizes[i]);
            prg.fill(arrays[i], 0, sizes[i]);
        }
        if (net.id() != 0) {
            for (int i = derived; i < sizes.length; i++) {
                arrays[i] = prg.next(sizes[i]);
            }
            if (req.kind() == CorrelationKind.TRUNC) {
                PackedMsb.scale(arrays[2], sizes[2], req.dims()[1]);
            }
        } else if (req.kind() == CorrelationKind.TRUNC) {
            long[] all = new long[req.correctionLength()];
            receiveCorrection(req, all);
            int n = sizes[1];
            arrays[1] = java.util.Arrays.copyOf(all, n);
            arrays[2] = new long[n];
            PackedMsb.unpack(all, n, n, req.dims()[1], arrays[2]);
        } else if (derived == sizes.length) {
            // nothing correlated (a MASK): no message
        } else if (sizes.length - derived == 1) {
            arrays[derived] = new long[sizes[derived]];
            receiveCorrection(req, arrays[derived]);
        } else {
            long[] all = new long[req.correctionLength()];
            receiveCorrection(req, all);
            int off = 0;
            for (int i = derived; i < sizes.length; i++) {
                arrays[i] = java.util.Arrays.copyOfRange(all, off, off + sizes[i]);
                off += sizes[i];
            }
        }
        usage[req.kind().ordinal()] += req.elements();
        if (listener != null) {
            listener.accept(req);
        }
        return new CorrelatedShares(req, arrays);
    }

    private void receiveCorrection(CorrelationRequest req, long[] into) {
        try {
            net.receive(net.dealerId(), req.tag(), into, 0, into.length);
        } catch (NetworkException e) {
            throw new NetworkException("party 0: missing or wrong dealer correction for " + req + ": " + e.getMessage(), e);
        }
    }

    public CorrelatedShares triple(int n) {
        return take(CorrelationRequest.triple(n));
    }

    public CorrelatedShares square(int n) {
        return take(CorrelationRequest.square(n));
    }

    public CorrelatedShares matmul(int m, int k, int n) {
        return take(CorrelationRequest.matmul(m, k, n));
    }

    public CorrelatedShares conv(Conv2dGeometry g, int batch) {
        return take(CorrelationRequest.conv(g, batch));
    }

    public CorrelatedShares trunc(int n, int fractionalBits) {
        return take(CorrelationRequest.trunc(n, fractionalBits));
    }

    /** Calls {@code l} with every request taken, in order (e.g. to record a plan for the dealer). */
    public void onTake(java.util.function.Consumer<CorrelationRequest> l) {
        this.listener = l;
    }

    /** Cumulative elements taken per kind, indexed by {@link CorrelationKind#ordinal()}. */
    public long[] usage() {
        return usage.clone();
    }

    /** Ring elements of this party's PRG stream consumed so far (equal on the dealer's side). */
    public long prgPosition() {
        return prg.produced();
    }
}
