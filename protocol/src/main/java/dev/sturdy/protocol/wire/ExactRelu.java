package dev.sturdy.protocol.wire;

import dev.sturdy.protocol.correlation.BitInject;
import dev.sturdy.protocol.correlation.EdaBit;
import dev.sturdy.protocol.correlation.Values;
import dev.sturdy.protocol.ring.BitPlanes;

/**
 * The baseline a user compares PANNs with: ReLU(x) = x [x &gt;= 0] by secure comparison, for x
 * shared in the linear ring (at most 62 bits) with the result truncated to {@code bits} fractional
 * bits on the way. Rounds: 2 + ceil(log2 (ring - 2 - shift)).
 * <ol>
 * <li>open bits [shift, ring) of c = x + 2^(ring-2) + r (an {@link EdaBit}); that opening gives the
 *     truncated wire U = (c >>> shift) - rho + t M - 2^(ring-2-shift) of x, as in
 *     {@link Openings#truncate};
 * <li>[x &gt;= 0] = c_(ring-2) XOR r_(ring-2) XOR [c' &lt; r'], c' and r' the bits [shift, ring - 2)
 *     ({@link Comparison}); dropping the low bits of r, and the up to N - 1 units the opened c'
 *     lacks (the parties' carries), err only where |x| &lt; N 2^shift, i.e. in the output's last N
 *     units;
 * <li>open e = [x &gt;= 0] XOR rho_b and finish locally: U b = e U + (1 - 2e) U rho_b with
 *     U rho_b = P rho_b - rho rho_b + t M rho_b from the dealer ({@link BitInject}).
 * </ol>
 */
public final class ExactRelu {
    private ExactRelu() {
    }

    /** Shares of ReLU(x) in the same ring with {@code bits} fractional bits. */
    public static Shared relu(Session s, Shared x, int bits) {
        int ring = x.ring();
        int shift = x.scale() - bits;
        if (ring > 62 || shift < 0) {
            throw new IllegalArgumentException("exact ReLU of " + x + " to " + bits + " bits");
        }
        int n = x.size();
        int w = BitPlanes.words(n);
        boolean p0 = s.first();
        int edaId = s.nextId();
        EdaBit eda = new EdaBit(n, ring, shift, shift);
        Values e = s.take(eda);
        Values inject = s.take(new BitInject(edaId, eda, n, ring));
        long[] r = e.lo(EdaBit.R);
        long[] xv = x.lo();
        long off = p0 ? 1L << (ring - 2) : 0L;
        long[] masked = new long[n];
        for (int i = 0; i < n; i++) {
            masked[i] = xv[i] + r[i] + off;
        }
        Round first = new Round(s);
        // only the bits above the shift: the comparison and the truncated wire read nothing else
        Round.Opening opened = first.open(masked, null, n, shift, ring - shift);
        first.run();
        long[] c = opened.get();

        int nbits = ring - 2 - shift;
        int planes = EdaBit.planes(ring, shift);
        long[] cBits = new long[planes * w];
        BitPlanes.transpose(c, n, planes, cBits);
        long[] rBits = e.lo(EdaBit.BITS);
        long[] geq = nbits > 0 ? Comparison.lessThan(s, rBits, cBits, nbits, w) : new long[w];
        int top = nbits * w;
        long[] rhoB = inject.lo(BitInject.BIT_PLANE);
        for (int j = 0; j < w; j++) {
            geq[j] ^= rBits[top + j] ^ (p0 ? cBits[top + j] : 0L) ^ rhoB[j];
        }
        Round last = new Round(s);
        Round.XorOpening eOpen = last.openXor(geq);
        last.run();
        long[] ev = eOpen.get();

        long[] rho = shift > 0 ? e.lo(EdaBit.RHO) : r;
        long[] wrap = shift > 0 ? e.lo(EdaBit.WRAP) : null;
        long[] bit = inject.lo(BitInject.BIT);
        long[] rhoBit = inject.lo(BitInject.RHO_BIT);
        long[] wrapBit = shift > 0 ? inject.lo(BitInject.WRAP_BIT) : null;
        long offset = 1L << (ring - 2 - shift);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long pub = c[i] - offset;
            long t = shift > 0 ? 1L - ((c[i] >>> (ring - 1 - shift)) & 1L) : 0L;
            long u = (p0 ? pub : 0L) - rho[i] + (t != 0 ? wrap[i] : 0L);
            long uRho = pub * bit[i] - rhoBit[i] + (t != 0 ? wrapBit[i] : 0L);
            long eb = BitPlanes.bit(ev, 0, i);
            out[i] = eb * u + (1 - 2 * eb) * uRho;
        }
        return new Shared(out, null, ring, bits, x.shape());
    }
}
