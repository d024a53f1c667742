package dev.sturdy.protocol.prg;

import dev.sturdy.protocol.net.Network;
import java.security.SecureRandom;

/**
 * The PRG seeds one role holds. Compute party i holds s_i (shared with the dealer) and one seed
 * per other compute party (pairwise, for zero sharing). The dealer holds s_0..s_{N-1}.
 *
 * <p>{@link #setup} distributes fresh seeds over the network (the transport must be
 * confidential, e.g. mutual TLS): the dealer draws s_i from {@link SecureRandom} and sends it to
 * party i; for each pair i &lt; j, party i draws s_ij and sends it to party j. It runs in the
 * network's setup query, before any {@code beginQuery}.
 */
public final class Seeds {
    static final long SEED_TAG = 0x5EED_5EED_0000_0001L;

    private final int id;
    private final int parties;
    private final Seed[] dealerSeeds;
    private final Seed[] pairSeeds;

    private Seeds(int id, int parties, Seed[] dealerSeeds, Seed[] pairSeeds) {
        this.id = id;
        this.parties = parties;
        this.dealerSeeds = dealerSeeds;
        this.pairSeeds = pairSeeds;
    }

    /** Runs on every role (parties and dealer) at the same time. */
    public static Seeds setup(Network net, SecureRandom rnd) {
        int n = net.computeParties();
        if (net.isDealer()) {
            Seeds d = drawForDealer(n, rnd);
            d.sendFromDealer(net);
            return d;
        }
        int me = net.id();
        Seed[] pair = new Seed[n];
        for (int j = me + 1; j < n; j++) {
            pair[j] = Seed.random(rnd);
            net.send(j, SEED_TAG, pair[j].toLongs());
        }
        Seed[] withDealer = new Seed[n];
        long[] buf = new long[2];
        net.receive(net.dealerId(), SEED_TAG, buf, 0, 2);
        withDealer[me] = Seed.fromLongs(buf);
        for (int j = 0; j < me; j++) {
            net.receive(j, SEED_TAG, buf, 0, 2);
            pair[j] = Seed.fromLongs(buf);
        }
        return new Seeds(me, n, withDealer, pair);
    }

    /** The dealer's fresh seeds, drawn before the query they serve starts ({@link #sendFromDealer} gives them out). */
    public static Seeds drawForDealer(int parties, SecureRandom rnd) {
        Seed[] s = new Seed[parties];
        for (int p = 0; p < parties; p++) {
            s[p] = Seed.random(rnd);
        }
        return new Seeds(parties, parties, s, new Seed[parties]);
    }

    /** The dealer's side of {@link #setup} with seeds it drew already: party i gets s_i. */
    public void sendFromDealer(Network net) {
        if (!isDealer() || !net.isDealer() || net.computeParties() != parties) {
            throw new IllegalArgumentException("the dealer's seeds for " + parties + " parties go out from the dealer's endpoint");
        }
        for (int p = 0; p < parties; p++) {
            net.send(p, SEED_TAG, dealerSeeds[p].toLongs());
        }
    }

    /** Seeds for all roles made locally (tests and benchmarks): index 0..N-1 parties, N the dealer. */
    public static Seeds[] local(int parties, SecureRandom rnd) {
        Seed[] withDealer = new Seed[parties];
        Seed[][] pair = new Seed[parties][parties];
        for (int i = 0; i < parties; i++) {
            withDealer[i] = Seed.random(rnd);
            for (int j = i + 1; j < parties; j++) {
                pair[i][j] = Seed.random(rnd);
                pair[j][i] = pair[i][j];
            }
        }
        Seeds[] out = new Seeds[parties + 1];
        for (int i = 0; i < parties; i++) {
            Seed[] mine = new Seed[parties];
            mine[i] = withDealer[i];
            out[i] = new Seeds(i, parties, mine, pair[i]);
        }
        out[parties] = new Seeds(parties, parties, withDealer.clone(), new Seed[parties]);
        return out;
    }

    public int id() {
        return id;
    }

    public int parties() {
        return parties;
    }

    public boolean isDealer() {
        return id == parties;
    }

    /** On a party: its seed with the dealer. */
    public Seed dealerSeed() {
        if (isDealer()) {
            throw new IllegalStateException("the dealer holds one seed per party: use dealerSeed(party)");
        }
        return dealerSeeds[id];
    }

    /** On the dealer: the seed it shares with {@code party}. */
    public Seed dealerSeed(int party) {
        if (!isDealer()) {
            throw new IllegalStateException("party " + id + " only holds its own seed with the dealer");
        }
        return dealerSeeds[party];
    }

    /** On a party: the seed it shares with another compute party. */
    public Seed pairSeed(int peer) {
        if (isDealer() || peer == id || peer < 0 || peer >= parties) {
            throw new IllegalArgumentException("no pairwise seed between " + id + " and " + peer);
        }
        return pairSeeds[peer];
    }

    /**
     * Pseudo-random zero sharing: fills out with this party's share of 0 (sum over the parties is 0),
     * without communication: z_i = sum_{j>i} PRG(s_ij) - sum_{j<i} PRG(s_ji).
     */
    public ZeroSharing zeroSharing(long stream) {
        return new ZeroSharing(stream);
    }

    /** Stateful zero-sharing generator (one per stream id). */
    public final class ZeroSharing {
        private final Prg[] prgs = new Prg[parties];
        private long[] tmp = new long[0];

        private ZeroSharing(long stream) {
            for (int j = 0; j < parties; j++) {
                if (j != id) {
                    prgs[j] = new Prg(pairSeeds[j], stream);
                }
            }
        }

        public void next(long[] out, int len) {
            java.util.Arrays.fill(out, 0, len, 0L);
            if (tmp.length < len) {
                tmp = new long[len];
            }
            for (int j = 0; j < parties; j++) {
                if (j == id) {
                    continue;
                }
                prgs[j].fill(tmp, 0, len);
                if (j > id) {
                    for (int i = 0; i < len; i++) {
                        out[i] += tmp[i];
                    }
                } else {
                    for (int i = 0; i < len; i++) {
                        out[i] -= tmp[i];
                    }
                }
            }
        }
    }
}
