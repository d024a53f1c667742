package dev.sturdy.protocol.wire;

import dev.sturdy.protocol.correlation.OpeningMask;
import dev.sturdy.protocol.correlation.Values;
import dev.sturdy.protocol.correlation.WireMask;
import dev.sturdy.protocol.ring.Wide;
import java.util.Arrays;

/**
 * The two ways a value becomes public-plus-mask, each one round: a truncating opening into a wire
 * of the activation chain, and a rewire into a wire of the linear ring for the next weighted layer.
 * Every truncation of the protocol happens here, folded into the opening it rides on.
 */
public final class Openings {
    private Openings() {
    }

    /**
     * Opens A masked and keeps floor(A / 2^(scale - bits)): the parties open V = A + 2^(ring-2) + r
     * mod 2^ring in bits [shift, ring) only, and hold the wire pub - (rho - t M) of
     * {@link TruncatedWire}. The mask's rho and M are shared mod 2^useRing.
     *
     * <p>Why the dropped low bits do no harm: the sum of the parties' top parts is floor(V / 2^shift)
     * minus c in [0, N - 1] (their low parts' carries), which only moves the wire by -c units,
     * except where that subtraction crosses the top bit. Crossing downward through 0 wraps the
     * opened top part by 2^(ring - shift), exactly the wrap term M the misread top bit then drops
     * (if r's top bit is 1; if it is 0, V < c 2^shift forces A + 2^(ring-2) < c 2^shift); crossing
     * 2^(ring-1) needs V - r = A + 2^(ring-2) &lt; c 2^shift. So the wire is floor(A / 2^shift) + e,
     * e in [-(N - 1), 1], for every A in [-2^(ring-2) + (N - 1) 2^shift, 2^(ring-2)).
     */
    public static TruncatedWire truncate(Session s, Shared a, int bits, int useRing) {
        return truncate(s, a, new int[] {bits}, new int[] {useRing})[0];
    }

    /** As {@link #truncate(Session, Shared, int, int)} with several wires (one per bits) from one opening. */
    public static TruncatedWire[] truncate(Session s, Shared a, int[] bits, int[] useRings) {
        Round round = new Round(s);
        Truncation t = truncation(s, round, a, bits, useRings);
        round.run();
        return t.wires();
    }

    /**
     * Adds a truncating opening to {@code round} (so several travel in one message); the wires are
     * ready once the round ran. The opening carries the bits above the smallest shift.
     */
    public static Truncation truncation(Session s, Round round, Shared a, int[] bits, int[] useRings) {
        int most = Arrays.stream(bits).max().orElseThrow();
        if (a.scale() < most) {
            return truncation(s, round, a.shiftUp(most - a.scale()), bits, useRings);
        }
        int ring = a.ring();
        int n = a.size();
        int id = s.nextId();
        OpeningMask.Truncation[] t = new OpeningMask.Truncation[bits.length];
        for (int k = 0; k < bits.length; k++) {
            t[k] = new OpeningMask.Truncation(a.scale() - bits[k], useRings[k]);
        }
        OpeningMask mask = new OpeningMask(n, ring, t);
        Values v = s.take(mask);
        long[] rLo = v.lo(OpeningMask.R);
        long[] rHi = v.hi(OpeningMask.R);
        long[] lo = new long[n];
        long[] hi = new long[n];
        long[] aLo = a.lo();
        long[] aHi = a.hi();
        long offLo = s.first() ? Wide.shlLo(1L, ring - 2) : 0L;
        long offHi = s.first() ? Wide.shlHi(1L, 0L, ring - 2) : 0L;
        for (int i = 0; i < n; i++) {
            long x = aLo[i] + rLo[i];
            long h = aHi[i] + rHi[i] + Wide.carry(aLo[i], x);
            long y = x + offLo;
            hi[i] = h + offHi + Wide.carry(x, y);
            lo[i] = y;
        }
        int from = a.scale() - most;
        int width = ring - from;
        if (width > 64) {
            throw new IllegalArgumentException("a wire of " + width + " bits does not fit one 64-bit opening");
        }
        return new Truncation(round.open(lo, hi, n, from, width), from, width, bits, id, mask, v);
    }

    /** A truncating opening added to a round: its wires once the round ran. */
    public static final class Truncation {
        private final Round.Opening opened;
        private final int from;
        private final int width;
        private final int[] bits;
        private final int id;
        private final OpeningMask mask;
        private final Values v;

        private Truncation(Round.Opening opened, int from, int width, int[] bits, int id, OpeningMask mask, Values v) {
            this.opened = opened;
            this.from = from;
            this.width = width;
            this.bits = bits;
            this.id = id;
            this.mask = mask;
            this.v = v;
        }

        public TruncatedWire[] wires() {
            long[] top = opened.get();
            int n = top.length;
            int ring = mask.ring();
            long[] wrapped = new long[n];
            for (int i = 0; i < n; i++) {
                wrapped[i] = 1L - ((top[i] >>> (width - 1)) & 1L);
            }
            TruncatedWire[] wires = new TruncatedWire[bits.length];
            for (int k = 0; k < bits.length; k++) {
                int shift = mask.shift(k);
                long[] pub = new long[n];
                long offset = 1L << (ring - 2 - shift);
                for (int i = 0; i < n; i++) {
                    pub[i] = (top[i] >>> (shift - from)) - offset;
                }
                int w = mask.wrap(k);
                wires[k] = new TruncatedWire(pub, wrapped, v.lo(mask.rho(k)), v.hi(mask.rho(k)), w >= 0 ? v.lo(w) : null,
                        w >= 0 ? v.hi(w) : null, bits[k], id, mask, k);
            }
            return wires;
        }
    }

    /**
     * A wire of the linear ring with {@code bits} fractional bits from additive shares. Without
     * truncation the mask is a fresh uniform lambda; with it, the parties open bits
     * [shift, shift + ring) of A + r and the mask is r >>> shift, exact modulo 2^ring because the
     * shares' ring leaves at least {@code ring} bits above the shift (the wrap term vanishes);
     * shares of a narrower ring (a weighted layer read by another) take a truncating opening first.
     */
    public static Wire rewire(Session s, Shared a, int ring, int bits) {
        int shift = a.scale() - bits;
        if (shift < 0) {
            return rewire(s, a.shiftUp(-shift), ring, bits);
        }
        int n = a.size();
        int id = s.nextId();
        long[] aLo = a.lo();
        long[] aHi = a.hi();
        long[] lo = new long[n];
        long[] hi = new long[n];
        long[] mask;
        int part;
        if (shift == 0) {
            if (a.ring() < ring) {
                throw new IllegalArgumentException("a wire of " + ring + " bits from shares of " + a.ring());
            }
            Values v = s.take(new WireMask(n, ring));
            mask = v.lo(WireMask.MASK);
            part = WireMask.MASK;
            for (int i = 0; i < n; i++) {
                lo[i] = aLo[i] + mask[i];
            }
        } else {
            if (a.ring() - shift < ring) {
                // the shares' ring is too narrow for the wrap term to vanish: truncate first (a round), then mask
                return rewire(s, truncate(s, a, bits, ring).toShared(s.first(), ring).reshape(a.shape()), ring, bits);
            }
            // one truncation, no wrap term (it vanishes mod 2^ring): parts r and rho (part 1)
            Values v = s.take(new OpeningMask(n, a.ring(), shift, ring));
            long[] rLo = v.lo(OpeningMask.R);
            long[] rHi = v.hi(OpeningMask.R);
            for (int i = 0; i < n; i++) {
                long x = aLo[i] + rLo[i];
                lo[i] = x;
                hi[i] = aHi[i] + rHi[i] + Wide.carry(aLo[i], x);
            }
            mask = v.lo(1);
            part = 1;
        }
        Round round = new Round(s);
        Round.Opening opened = round.open(lo, hi, n, shift, ring);
        round.run();
        long[] m = new long[n];
        long keep = ring == 64 ? -1L : (1L << ring) - 1;
        for (int i = 0; i < n; i++) {
            m[i] = mask[i] & keep;
        }
        return new Wire(opened.get(), m, ring, bits, a.shape(), id, part, null);
    }
}
