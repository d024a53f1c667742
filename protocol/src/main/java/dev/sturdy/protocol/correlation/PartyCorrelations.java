package dev.sturdy.protocol.correlation;

import dev.sturdy.protocol.net.Network;
import dev.sturdy.protocol.net.NetworkException;
import dev.sturdy.protocol.prg.Prg;
import dev.sturdy.protocol.prg.Seed;
import java.util.function.BiConsumer;

/**
 * A compute party's side of the correlated randomness: party i derives its shares from PRG(s_i),
 * the seed it shares with the dealer; the request's receiver ({@link CorrectionRouting}) derives only
 * the RANDOM parts and receives the DEALT ones as one correction message. Requests are numbered in the order taken (their id,
 * which later requests use to refer to them); the dealer serves them in the same order.
 */
public final class PartyCorrelations {
    private final Network net;
    private final Prg prg;
    private final CorrectionRouting routing;
    private final long[] usage = new long[CorrelationKind.values().length];
    private int taken;
    private BiConsumer<Correlation, Values> listener;

    public PartyCorrelations(Network net, Seed dealerSeed) {
        if (net.isDealer()) {
            throw new IllegalArgumentException("PartyCorrelations is for compute parties; the dealer uses Dealer");
        }
        this.net = net;
        this.prg = new Prg(dealerSeed);
        this.routing = new CorrectionRouting(net.computeParties());
    }

    public int party() {
        return net.id();
    }

    /** The id the next request taken will get. */
    public int nextId() {
        return taken;
    }

    /** This party's shares of the request, which gets id {@link #nextId()}. */
    public Values take(Correlation c) {
        Values v = new Values(c.parts());
        boolean receiver = routing.next(c) == net.id();
        for (int p = 0; p < c.parts().size(); p++) {
            Part part = c.parts().get(p);
            if (!part.dealt() || !receiver) {
                Derivation.fill(prg, part, v.lo[p], v.hi[p]);
            }
        }
        if (receiver && c.correctionBits() > 0) {
            long[] message = new long[Derivation.words(c)];
            try {
                net.receive(net.dealerId(), c.tag(), message, 0, message.length);
            } catch (NetworkException e) {
                throw new NetworkException("party " + net.id() + ": missing or wrong dealer correction for " + c + ": "
                        + e.getMessage(), e);
            }
            Derivation.unpackCorrection(c, message, v);
        }
        usage[c.kind().ordinal()] += c.elements();
        taken++;
        if (listener != null) {
            listener.accept(c, v);
        }
        return v;
    }

    /**
     * Calls {@code l} with every request taken and this party's values of it, in order (to record
     * the dealer's plan in a dry run; tests check the masks).
     */
    public void onTake(BiConsumer<Correlation, Values> l) {
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
