package dev.sturdy.protocol.wire;

import dev.sturdy.protocol.ring.Wide;
import java.util.Arrays;

/**
 * A party's additive shares of a tensor in Z_2^ring with {@code scale} fractional bits: lo holds
 * the low words, hi the high words when ring &gt; 64 (null otherwise). Only the low ring bits of
 * the sum of all parties' shares are meaningful. toString shows the shape only.
 */
public final class Shared {
    private final long[] lo;
    private final long[] hi;
    private final int ring;
    private final int scale;
    private final int[] shape;

    public Shared(long[] lo, long[] hi, int ring, int scale, int... shape) {
        if (ring < 1 || ring > 128 || (ring > 64 && hi == null)) {
            throw new IllegalArgumentException("shares in Z_2^" + ring + (hi == null ? " without high words" : ""));
        }
        if (hi != null && hi.length != lo.length) {
            throw new IllegalArgumentException("high and low words differ in length");
        }
        this.lo = lo;
        this.hi = hi;
        this.ring = ring;
        this.scale = scale;
        this.shape = shape.clone();
    }

    public long[] lo() {
        return lo;
    }

    /** High words, or zeros for a ring of at most 64 bits (then shares are read as their low word). */
    public long[] hi() {
        return hi != null ? hi : new long[lo.length];
    }

    public boolean wide() {
        return hi != null;
    }

    public int ring() {
        return ring;
    }

    public int scale() {
        return scale;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int size() {
        return lo.length;
    }

    public Shared reshape(int... newShape) {
        return new Shared(lo, hi, ring, scale, newShape);
    }

    /** The same value with {@code bits} more fractional bits: shares times 2^bits, valid in a ring that many bits wider. */
    public Shared shiftUp(int bits) {
        if (bits == 0) {
            return this;
        }
        int newRing = Math.min(128, ring + bits);
        long[] l = new long[lo.length];
        long[] h = newRing > 64 ? new long[lo.length] : null;
        long[] srcHi = hi();
        for (int i = 0; i < lo.length; i++) {
            l[i] = Wide.shlLo(lo[i], bits);
            if (h != null) {
                h[i] = Wide.shlHi(lo[i], srcHi[i], bits);
            }
        }
        return new Shared(l, h, newRing, scale + bits, shape);
    }

    /** The same shares read in a smaller ring (wide only if that ring needs it). */
    public Shared reduce(int smallerRing) {
        if (smallerRing > ring) {
            throw new IllegalArgumentException("shares in Z_2^" + ring + " cannot be read in Z_2^" + smallerRing);
        }
        return new Shared(lo, smallerRing > 64 ? hi() : null, smallerRing, scale, shape);
    }

    /** this + other at the larger scale (the other shifted up), valid in the smaller of the two rings. */
    public Shared add(Shared other) {
        return combine(other, false);
    }

    public Shared subtract(Shared other) {
        return combine(other, true);
    }

    private Shared combine(Shared other, boolean negate) {
        if (!Arrays.equals(shape, other.shape)) {
            throw new IllegalArgumentException("shapes " + Arrays.toString(shape) + " and " + Arrays.toString(other.shape));
        }
        Shared a = shiftUp(Math.max(0, other.scale - scale));
        Shared b = other.shiftUp(Math.max(0, scale - other.scale));
        int r = Math.min(a.ring, b.ring);
        boolean w = r > 64;
        long[] l = new long[lo.length];
        long[] h = w ? new long[lo.length] : null;
        long[] aHi = a.hi();
        long[] bHi = b.hi();
        for (int i = 0; i < l.length; i++) {
            long bl = negate ? -b.lo[i] : b.lo[i];
            long bh = negate ? ~bHi[i] + (b.lo[i] == 0 ? 1 : 0) : bHi[i];
            long s = a.lo[i] + bl;
            l[i] = s;
            if (w) {
                h[i] = aHi[i] + bh + Wide.carry(a.lo[i], s);
            }
        }
        return new Shared(l, h, r, a.scale, shape);
    }

    /** out[i] = this[index[i]], or 0 where index[i] is -1. */
    public Shared gather(int[] index, int... newShape) {
        long[] l = new long[index.length];
        long[] h = hi == null ? null : new long[index.length];
        for (int i = 0; i < index.length; i++) {
            if (index[i] >= 0) {
                l[i] = lo[index[i]];
                if (h != null) {
                    h[i] = hi[index[i]];
                }
            }
        }
        return new Shared(l, h, ring, scale, newShape);
    }

    /** The tensors' elements one after another (same ring, scale; flat shape). */
    public static Shared concat(java.util.List<Shared> parts) {
        int n = parts.stream().mapToInt(Shared::size).sum();
        Shared first = parts.get(0);
        long[] l = new long[n];
        long[] h = first.hi == null ? null : new long[n];
        int off = 0;
        for (Shared p : parts) {
            if (p.ring != first.ring || p.scale != first.scale || (p.hi == null) != (h == null)) {
                throw new IllegalArgumentException("concatenating " + p + " to " + first);
            }
            System.arraycopy(p.lo, 0, l, off, p.size());
            if (h != null) {
                System.arraycopy(p.hi, 0, h, off, p.size());
            }
            off += p.size();
        }
        return new Shared(l, h, first.ring, first.scale, n);
    }

    /** Elements [from, from + n) as a flat tensor. */
    public Shared slice(int from, int n) {
        return new Shared(Arrays.copyOfRange(lo, from, from + n), hi == null ? null : Arrays.copyOfRange(hi, from, from + n),
                ring, scale, n);
    }

    @Override
    public String toString() {
        return "Shared" + Arrays.toString(shape) + " in Z_2^" + ring + " at " + scale + " bits";
    }
}
