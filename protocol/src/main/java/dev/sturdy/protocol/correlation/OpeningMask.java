package dev.sturdy.protocol.correlation;

import dev.sturdy.protocol.ring.Wide;
import java.util.ArrayList;
import java.util.List;

/**
 * The mask of an opening that truncates: a uniform r mod 2^ring (every party derives its share) that
 * masks A + 2^(ring-2) + r; the parties then know V = that sum mod 2^ring and take the wire
 * floor(V / 2^shift). Over the integers A >> shift = (V >>> shift) - rho + t M - 2^(ring-2-shift)
 * up to one unit, with rho = r >>> shift, t = 1 - msb(V) public and the wrap term
 * M = msb(r) 2^(ring - shift) (the sum wrapped past 2^ring iff msb(r) = 1 and t = 1). The dealer
 * deals rho and M as integers, shared mod 2^useRing (M only where it is not 0 mod 2^useRing).
 */
public final class OpeningMask extends Correlation {
    public static final int R = 0;
    public static final int RHO = 1;
    public static final int WRAP = 2;
    private final int n;
    private final int ring;
    private final int shift;

    public OpeningMask(int n, int ring, int shift, int useRing) {
        super(parts(n, ring, shift, useRing));
        if (shift < 0 || shift >= ring) {
            throw new IllegalArgumentException("opening of a " + ring + "-bit value truncated by " + shift);
        }
        this.n = n;
        this.ring = ring;
        this.shift = shift;
    }

    private static List<Part> parts(int n, int ring, int shift, int useRing) {
        List<Part> parts = new ArrayList<>();
        parts.add(Part.random("r", n, ring));
        parts.add(Part.dealt("rho", n, useRing, 0));
        int m = ring - shift;
        if (m < useRing) {
            parts.add(Part.dealt("wrap", n, useRing, m));
        }
        return parts;
    }

    /** Bits of the wire: the wrap term is 2^wrapShift. */
    public int wrapShift() {
        return ring - shift;
    }

    public boolean hasWrap() {
        return parts().size() > WRAP;
    }

    public int ring() {
        return ring;
    }

    public int shift() {
        return shift;
    }

    @Override
    public CorrelationKind kind() {
        return CorrelationKind.OPENING_MASK;
    }

    @Override
    public long elements() {
        return n;
    }

    @Override
    protected void deal(Values own, DealerMemory memory) {
        long[] rLo = own.lo(R);
        long[] rHi = own.hi(R);
        long[] rhoLo = own.lo(RHO);
        long[] rhoHi = own.hi(RHO);
        boolean wrap = hasWrap();
        long[] mLo = wrap ? own.lo(WRAP) : null;
        long[] mHi = wrap ? own.hi(WRAP) : null;
        int m = wrapShift();
        for (int j = 0; j < n; j++) {
            long lo = Wide.maskLo(rLo[j], ring);
            long hi = Wide.maskHi(rHi[j], ring);
            rhoLo[j] = Wide.shrLo(lo, hi, shift);
            rhoHi[j] = Wide.shrHi(hi, shift);
            if (wrap) {
                long b = Wide.bit(lo, hi, ring - 1);
                mLo[j] = Wide.shlLo(b, m);
                mHi[j] = Wide.shlHi(b, 0, m);
            }
        }
    }
}
