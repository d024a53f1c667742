package dev.sturdy.protocol.correlation;

import dev.sturdy.protocol.ring.Wide;
import java.util.ArrayList;
import java.util.List;

/**
 * The mask of an opening that truncates: a uniform r mod 2^ring (every party derives its share) that
 * masks A + 2^(ring-2) + r; the parties then know V = that sum mod 2^ring and take one or more wires
 * floor(V / 2^shift) of the same opening. Over the integers, for each shift,
 * A >> shift = (V >>> shift) - rho + t M - 2^(ring-2-shift) up to one unit, with rho = r >>> shift,
 * t = 1 - msb(V) public and the wrap term M = msb(r) 2^(ring - shift) (the sum wrapped past 2^ring
 * iff msb(r) = 1 and t = 1). The dealer deals, per truncation, rho and M as integers shared mod
 * 2^useRing (M only where it is not 0 mod 2^useRing).
 */
public final class OpeningMask extends Correlation {
    public static final int R = 0;
    private final int n;
    private final int ring;
    private final Truncation[] truncations;
    private final int[] rhoPart;
    private final int[] wrapPart;

    /** One wire taken from the opening: its shift and the ring its mask shares are needed in. */
    public record Truncation(int shift, int useRing) {
    }

    public OpeningMask(int n, int ring, Truncation... truncations) {
        super(parts(n, ring, truncations));
        this.n = n;
        this.ring = ring;
        this.truncations = truncations.clone();
        this.rhoPart = new int[truncations.length];
        this.wrapPart = new int[truncations.length];
        int p = 1;
        for (int t = 0; t < truncations.length; t++) {
            if (truncations[t].shift() < 0 || truncations[t].shift() >= ring) {
                throw new IllegalArgumentException("opening of a " + ring + "-bit value truncated by " + truncations[t].shift());
            }
            rhoPart[t] = p++;
            wrapPart[t] = wraps(ring, truncations[t]) ? p++ : -1;
        }
    }

    public OpeningMask(int n, int ring, int shift, int useRing) {
        this(n, ring, new Truncation(shift, useRing));
    }

    private static boolean wraps(int ring, Truncation t) {
        return ring - t.shift() < t.useRing();
    }

    private static List<Part> parts(int n, int ring, Truncation[] truncations) {
        List<Part> parts = new ArrayList<>();
        parts.add(Part.random("r", n, ring));
        for (Truncation t : truncations) {
            parts.add(Part.dealt("rho>>" + t.shift(), n, t.useRing(), 0));
            if (wraps(ring, t)) {
                parts.add(Part.dealt("wrap>>" + t.shift(), n, t.useRing(), ring - t.shift()));
            }
        }
        return parts;
    }

    /** Part index of truncation t's rho. */
    public int rho(int t) {
        return rhoPart[t];
    }

    /** Part index of truncation t's wrap term, or -1 where it vanishes in its ring. */
    public int wrap(int t) {
        return wrapPart[t];
    }

    /** Truncation t's wrap term is 2^wrapShift(t) (times msb(r)). */
    public int wrapShift(int t) {
        return ring - truncations[t].shift();
    }

    public int truncations() {
        return truncations.length;
    }

    public int ring() {
        return ring;
    }

    public int shift(int t) {
        return truncations[t].shift();
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
        for (int t = 0; t < truncations.length; t++) {
            int shift = truncations[t].shift();
            long[] rhoLo = own.lo(rhoPart[t]);
            long[] rhoHi = own.hi(rhoPart[t]);
            boolean wrap = wrapPart[t] >= 0;
            long[] mLo = wrap ? own.lo(wrapPart[t]) : null;
            long[] mHi = wrap ? own.hi(wrapPart[t]) : null;
            int m = ring - shift;
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
}
