package dev.sturdy.protocol.wire;

import dev.sturdy.protocol.correlation.BitAnd;
import dev.sturdy.protocol.correlation.Values;

/**
 * XOR shares of [c &lt; r] for a public c and an XOR-shared r, both given as bit planes of nbits
 * bits (plane i is bit i, 64 elements per word), by a log-depth tree over bit pairs from the most
 * significant down: each node holds (greater, equal) and a merge is G = G_hi ^ (E_hi &amp; G_lo),
 * E = E_hi &amp; E_lo (G_hi and E_hi exclude each other, so XOR is OR). Both ANDs share the left
 * operand E_hi, so one {@link BitAnd} opens three bits per merge. Rounds: ceil(log2 nbits).
 */
final class Comparison {
    private Comparison() {
    }

    /** rBits, cBits: planes of nbits bits (rBits XOR shared, cBits public); w words per plane. */
    static long[] lessThan(Session s, long[] rBits, long[] cBits, int nbits, int w) {
        boolean p0 = s.first();
        // node k holds bit nbits - 1 - k: most significant first
        long[] g = new long[nbits * w];
        long[] eq = new long[nbits * w];
        for (int k = 0; k < nbits; k++) {
            int src = (nbits - 1 - k) * w;
            int dst = k * w;
            for (int j = 0; j < w; j++) {
                long rb = rBits[src + j];
                long cb = cBits[src + j];
                g[dst + j] = rb & ~cb;
                eq[dst + j] = p0 ? rb ^ ~cb : rb;
            }
        }
        int nodes = nbits;
        while (nodes > 1) {
            int merges = nodes / 2;
            int len = merges * w;
            Values t = s.take(new BitAnd(len));
            long[] ma = t.lo(BitAnd.A);
            long[] mb = t.lo(BitAnd.B);
            long[] mc = t.lo(BitAnd.C);
            long[] ab = t.lo(BitAnd.AB);
            long[] ac = t.lo(BitAnd.AC);
            long[] open = new long[3 * len];
            for (int k = 0; k < merges; k++) {
                int hi = 2 * k * w;
                int lo = hi + w;
                int o = k * w;
                for (int j = 0; j < w; j++) {
                    open[o + j] = eq[hi + j] ^ ma[o + j];
                    open[len + o + j] = g[lo + j] ^ mb[o + j];
                    open[2 * len + o + j] = eq[lo + j] ^ mc[o + j];
                }
            }
            Round round = new Round(s);
            Round.XorOpening opening = round.openXor(open);
            round.run();
            long[] opened = opening.get();
            int next = merges + (nodes & 1);
            long[] g2 = new long[next * w];
            long[] eq2 = new long[next * w];
            for (int k = 0; k < merges; k++) {
                int hi = 2 * k * w;
                int o = k * w;
                for (int j = 0; j < w; j++) {
                    long dv = opened[o + j];
                    long e1 = opened[len + o + j];
                    long e2 = opened[2 * len + o + j];
                    long and1 = ab[o + j] ^ (dv & mb[o + j]) ^ (e1 & ma[o + j]);
                    long and2 = ac[o + j] ^ (dv & mc[o + j]) ^ (e2 & ma[o + j]);
                    if (p0) {
                        and1 ^= dv & e1;
                        and2 ^= dv & e2;
                    }
                    g2[o + j] = g[hi + j] ^ and1;
                    eq2[o + j] = and2;
                }
            }
            if ((nodes & 1) == 1) {
                System.arraycopy(g, (nodes - 1) * w, g2, merges * w, w);
                System.arraycopy(eq, (nodes - 1) * w, eq2, merges * w, w);
            }
            g = g2;
            eq = eq2;
            nodes = next;
        }
        return g;
    }
}
