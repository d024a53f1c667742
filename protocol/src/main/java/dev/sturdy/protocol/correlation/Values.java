package dev.sturdy.protocol.correlation;

import dev.sturdy.protocol.ring.LongArrayPool;
import java.util.List;

/**
 * One side's arrays of a correlation, part by part: a party's shares, or the dealer's values.
 * lo holds the low word of each value (or the XOR words); hi the high word of wide parts, null
 * otherwise. Values are meaningful modulo 2^ring of their part. toString shows sizes only.
 */
public final class Values {
    private final List<Part> parts;
    final long[][] lo;
    final long[][] hi;

    Values(List<Part> parts) {
        this(parts, null);
    }

    /** With arrays borrowed from {@code pool} (zeroed) when it is not null; see {@link #release}. */
    Values(List<Part> parts, LongArrayPool pool) {
        this.parts = parts;
        this.lo = new long[parts.size()][];
        this.hi = new long[parts.size()][];
        for (int p = 0; p < parts.size(); p++) {
            Part part = parts.get(p);
            lo[p] = array(pool, part.count());
            hi[p] = part.wide() ? array(pool, part.count()) : null;
        }
    }

    private static long[] array(LongArrayPool pool, int n) {
        return pool == null ? new long[n] : pool.borrowZeroed(n);
    }

    /** Gives borrowed arrays back; the values must not be read after. */
    void release(LongArrayPool pool) {
        for (int p = 0; p < lo.length; p++) {
            pool.release(lo[p]);
            pool.release(hi[p]);
        }
    }

    public long[] lo(int part) {
        return lo[part];
    }

    /** High words of a wide part; a zero array of the right size for a narrow one (read as 128-bit). */
    public long[] hi(int part) {
        if (hi[part] == null) {
            hi[part] = new long[lo[part].length];
        }
        return hi[part];
    }

    public Part part(int p) {
        return parts.get(p);
    }

    public int size() {
        return parts.size();
    }

    @Override
    public String toString() {
        return "Values" + parts.stream().map(p -> p.name() + "[" + p.count() + "]").toList();
    }
}
