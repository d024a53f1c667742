package dev.sturdy.protocol.ops;

import dev.sturdy.protocol.dealer.CorrelatedShares;
import dev.sturdy.protocol.dealer.CorrelationRequest;
import dev.sturdy.protocol.ring.BitPlanes;
import dev.sturdy.protocol.ring.RingTensor;

/**
 * Exact ReLU(x) = x * [x &gt;= 0] by a secure comparison with dealer correlations (edaBits), for
 * |x| &lt; 2^62, any number of parties. 8 rounds:
 * <ol>
 * <li>open c = x + 2^62 + r (r from an edaBit: its bits 0..62 are XOR shared) and d = x - a;
 * <li>6 rounds of a log-depth comparison tree on bit planes: [c mod 2^62 &lt; r mod 2^62], then
 *     [x &gt;= 0] = bit 62 of (x + 2^62) = c_62 XOR r_62 XOR that borrow;
 * <li>open e = [x &gt;= 0] XOR rho (rho a dealer bit, also additively shared) and finish locally:
 *     x * b = e x + (1 - 2e)(d rho + a rho), with a rho from the dealer.
 * </ol>
 * Each party sends per element and peer 16 bytes in round 1, 3 bits per tree merge (61 merges:
 * ~22.9 bytes) and 1 bit at the end: about 39 bytes. Tree merges combine (greater, equal) pairs
 * from the high bit down: G = G_hi XOR (E_hi AND G_lo), E = E_hi AND E_lo (G_hi and E_hi exclude
 * each other, so XOR is OR); both ANDs share the left operand, so one BIT_AND opens 3 bits.
 *
 * <p>Correlations, in order: EDABIT(n), BIT_INJECT(n), then BIT_AND(merges * words) per level.
 */
public final class ExactRelu {
    private static final long OFFSET = 1L << 62;
    private static final int LOW_BITS = 62;
    /** Tag of the XOR (bit) openings, OPEN_TAG ^ length. */
    static final long OPEN_TAG = 0xB17_0000_0000_0000L;

    private ExactRelu() {
    }

    /** Shares of ReLU(x), same shape. */
    public static RingTensor relu(SecureOps ops, RingTensor x) {
        Session s = ops.session();
        int n = x.size();
        int w = BitPlanes.words(n);
        boolean p0 = s.id() == 0;
        CorrelatedShares eda = s.correlations().take(CorrelationRequest.edabit(n));
        CorrelatedShares inject = s.correlations().take(CorrelationRequest.bitInject(n));
        long[] xv = x.data(), r = eda.arrays()[0], rBits = eda.arrays()[1];
        long[] rho = inject.arrays()[0], a = inject.arrays()[1], rhoArith = inject.arrays()[2];
        long[] aRho = inject.arrays()[3];

        long[] masked = new long[n];
        long[] diff = new long[n];
        long shift = p0 ? OFFSET : 0L;
        for (int i = 0; i < n; i++) {
            masked[i] = xv[i] + r[i] + shift;
            diff[i] = xv[i] - a[i];
        }
        Round first = ops.round();
        Round.Pending pc = first.open(new RingTensor(masked, n));
        Round.Pending pd = first.open(new RingTensor(diff, n));
        first.run();
        long[] c = pc.get().data();
        long[] d = pd.get().data();

        long[] cBits = new long[CorrelationRequest.EDABIT_BITS * w];
        BitPlanes.transpose(c, n, CorrelationRequest.EDABIT_BITS, cBits);
        long[] geq = compareTree(s, rBits, cBits, w);
        // [x >= 0] = c_62 XOR r_62 XOR [c_low < r_low]
        int top = LOW_BITS * w;
        for (int j = 0; j < w; j++) {
            geq[j] ^= rBits[top + j] ^ (p0 ? cBits[top + j] : 0L);
            geq[j] ^= rho[j];
        }
        long[] e = openBits(s, geq, w);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long bit = BitPlanes.bit(e, 0, i);
            long xRho = d[i] * rhoArith[i] + aRho[i];
            out[i] = bit * xv[i] + (1 - 2 * bit) * xRho;
        }
        return new RingTensor(out, x.shape());
    }

    /** XOR shares of [c_low &lt; r_low] (bits 0..61), one plane of w words. */
    private static long[] compareTree(Session s, long[] rBits, long[] cBits, int w) {
        boolean p0 = s.id() == 0;
        // nodes ordered from bit 61 down to bit 0; node k's planes at k * w
        int nodes = LOW_BITS;
        long[] g = new long[nodes * w];
        long[] eq = new long[nodes * w];
        for (int k = 0; k < nodes; k++) {
            int bit = LOW_BITS - 1 - k;
            int src = bit * w, dst = k * w;
            for (int j = 0; j < w; j++) {
                long rb = rBits[src + j], cb = cBits[src + j];
                g[dst + j] = rb & ~cb;
                eq[dst + j] = p0 ? rb ^ ~cb : rb;
            }
        }
        while (nodes > 1) {
            int merges = nodes / 2;
            int len = merges * w;
            CorrelatedShares t = s.correlations().take(CorrelationRequest.bitAnd(len));
            long[][] m = t.arrays();
            long[] ma = m[0], mb = m[1], mc = m[2], ab = m[3], ac = m[4];
            long[] open = new long[3 * len];
            for (int k = 0; k < merges; k++) {
                int hi = 2 * k * w, lo = hi + w, o = k * w;
                for (int j = 0; j < w; j++) {
                    open[o + j] = eq[hi + j] ^ ma[o + j];
                    open[len + o + j] = g[lo + j] ^ mb[o + j];
                    open[2 * len + o + j] = eq[lo + j] ^ mc[o + j];
                }
            }
            long[] opened = openBits(s, open, 3 * len);
            int next = merges + (nodes & 1);
            long[] g2 = new long[next * w];
            long[] eq2 = new long[next * w];
            for (int k = 0; k < merges; k++) {
                int hi = 2 * k * w, o = k * w;
                for (int j = 0; j < w; j++) {
                    long dv = opened[o + j], e1 = opened[len + o + j], e2 = opened[2 * len + o + j];
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

    /** Opens XOR-shared words: one message per peer, XOR of all shares. */
    static long[] openBits(Session s, long[] shares, int len) {
        long[][] in = s.receiveBuffers(len);
        s.net().exchange(OPEN_TAG ^ len, shares, len, in);
        long[] out = java.util.Arrays.copyOf(shares, len);
        for (int p = 0; p < s.parties(); p++) {
            if (p != s.id()) {
                long[] v = in[p];
                for (int j = 0; j < len; j++) {
                    out[j] ^= v[j];
                }
            }
        }
        s.cost().round();
        return out;
    }
}
