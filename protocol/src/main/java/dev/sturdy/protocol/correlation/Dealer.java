package dev.sturdy.protocol.correlation;

import dev.sturdy.protocol.net.Network;
import dev.sturdy.protocol.prg.Prg;
import dev.sturdy.protocol.prg.Seeds;
import dev.sturdy.protocol.ring.LongArrayPool;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dealer: for each request of a query's plan it replays every party's PRG exactly as the
 * parties derive their shares, so it knows the RANDOM parts' values; computes the DEALT parts
 * ({@link Correlation#deal}); and sends one party (the receiver, {@link CorrectionRouting}) only the
 * difference between each DEALT value and the shares the other parties derive, packed to the bits
 * it has. It keeps a request's values while a
 * later request refers to them. The dealer never receives anything from the parties. The
 * corrections go to a {@link Corrections} sink: the receiver over the network, or a
 * {@link PreparedQuery} that keeps them for a query that has not started yet.
 */
public final class Dealer {
    private final Corrections out;
    private final CorrectionRouting routing;
    private final int parties;
    private final Prg[] prgs;
    private final WeightMasks weights;
    private final long[] usage = new long[CorrelationKind.values().length];
    /** The dealer's arrays are large and short-lived: reusing them spares allocation and zeroing. */
    private final LongArrayPool pool = new LongArrayPool(64);

    /** The weights' masks of a deployment, by weighted layer index. */
    @FunctionalInterface
    public interface WeightMasks {
        long[] mask(int layer);

        WeightMasks NONE = layer -> {
            throw new IllegalStateException("no weight masks: this plan has no weighted layer");
        };
    }

    /** Where the dealer's correction messages go, in the order of the plan; the message array is reused after the call. */
    @FunctionalInterface
    public interface Corrections {
        void send(int party, long tag, long[] message, int length);
    }

    /** A dealer that sends each correction to its receiver as it is computed. */
    public Dealer(Network net, Seeds seeds, WeightMasks weights) {
        this(seeds, weights, (party, tag, message, length) -> net.send(party, tag, message, 0, length));
        if (!net.isDealer()) {
            throw new IllegalArgumentException("Dealer needs the dealer's endpoint, got id " + net.id());
        }
        if (seeds.parties() != net.computeParties()) {
            throw new IllegalArgumentException("seeds for " + seeds.parties() + " parties but the network has "
                    + net.computeParties());
        }
    }

    public Dealer(Seeds seeds, WeightMasks weights, Corrections out) {
        if (!seeds.isDealer()) {
            throw new IllegalArgumentException("Dealer needs the dealer's seeds, got party " + seeds.id() + "'s");
        }
        this.out = out;
        this.parties = seeds.parties();
        this.routing = new CorrectionRouting(parties);
        this.weights = weights;
        this.prgs = new Prg[parties];
        for (int p = 0; p < parties; p++) {
            prgs[p] = new Prg(seeds.dealerSeed(p));
        }
    }

    /** Serves a query's requests in order. */
    public void serve(List<Correlation> plan) {
        int[] lastUse = new int[plan.size()];
        Arrays.fill(lastUse, -1);
        for (int id = 0; id < plan.size(); id++) {
            for (int ref : plan.get(id).references()) {
                if (ref < 0 || ref >= id) {
                    throw new IllegalStateException("request " + id + " (" + plan.get(id) + ") refers to request " + ref);
                }
                lastUse[ref] = id;
            }
        }
        Map<Integer, Values> kept = new HashMap<>();
        DealerMemory memory = new DealerMemory() {
            @Override
            public Values of(int id) {
                Values v = kept.get(id);
                if (v == null) {
                    throw new IllegalStateException("request " + id + " is not kept");
                }
                return v;
            }

            @Override
            public long[] weightMask(int layer) {
                return weights.mask(layer);
            }
        };
        for (int id = 0; id < plan.size(); id++) {
            Correlation c = plan.get(id);
            Values own = serve(c, memory);
            if (lastUse[id] > id) {
                kept.put(id, own);
            } else {
                own.release(pool);
            }
            for (int ref : c.references()) {
                if (lastUse[ref] == id) {
                    kept.remove(ref).release(pool);
                }
            }
        }
    }

    private Values serve(Correlation c, DealerMemory memory) {
        List<Part> parts = c.parts();
        Values own = new Values(parts, pool);
        Values others = new Values(parts, pool);
        Values tmp = new Values(parts, pool);
        int receiver = routing.next(c);
        for (int p = 0; p < parties; p++) {
            for (int i = 0; i < parts.size(); i++) {
                Part part = parts.get(i);
                if (part.dealt() && p == receiver) {
                    continue;
                }
                Derivation.fill(prgs[p], part, tmp.lo[i], tmp.hi[i]);
                accumulate(part, part.dealt() ? others : own, tmp, i);
            }
        }
        tmp.release(pool);
        c.deal(own, memory);
        if (c.correctionBits() > 0) {
            int words = Derivation.words(c);
            long[] message = pool.borrowZeroed(words);
            Derivation.packCorrection(c, own, others, message);
            out.send(receiver, c.tag(), message, words);
            pool.release(message);
        }
        others.release(pool);
        usage[c.kind().ordinal()] += c.elements();
        return own;
    }

    private static void accumulate(Part part, Values into, Values add, int i) {
        long[] lo = into.lo[i];
        long[] aLo = add.lo[i];
        int n = part.count();
        if (part.xor()) {
            for (int j = 0; j < n; j++) {
                lo[j] ^= aLo[j];
            }
        } else if (part.wide()) {
            long[] hi = into.hi[i];
            long[] aHi = add.hi[i];
            for (int j = 0; j < n; j++) {
                long s = lo[j] + aLo[j];
                hi[j] += aHi[j] + (Long.compareUnsigned(s, lo[j]) < 0 ? 1 : 0);
                lo[j] = s;
            }
        } else {
            for (int j = 0; j < n; j++) {
                lo[j] += aLo[j];
            }
        }
    }

    /** Cumulative elements served per kind, indexed by {@link CorrelationKind#ordinal()}. */
    public long[] usage() {
        return usage.clone();
    }

    /** Position in party p's PRG stream, equal to that party's {@link PartyCorrelations#prgPosition()}. */
    public long prgPosition(int party) {
        return prgs[party].produced();
    }
}
