package dev.sturdy.protocol.wire;

import dev.sturdy.protocol.ring.BitPacker;
import dev.sturdy.protocol.ring.Wide;
import java.util.ArrayList;
import java.util.List;

/**
 * One communication round: any number of openings whose bits travel together, ONE message per
 * peer. An opening reveals bits [from, from + width) (width &lt;= 64) of the sum of the parties'
 * values: each party sends those bits of its own value, packed; the receivers add them up modulo
 * 2^width. That sum is the sum of the values' bits short by at most N - 1 units (the carries of
 * the dropped low bits; {@link Openings} shows why its truncations tolerate them).
 * Boolean openings ({@link #openXor}) travel in the same message and are combined by XOR.
 */
public final class Round {
    private final Session s;
    private final List<Opening> openings = new ArrayList<>();
    private final List<XorOpening> xorOpenings = new ArrayList<>();
    private boolean ran;

    public Round(Session s) {
        this.s = s;
    }

    /** The opened sums of one opening, available after {@link Round#run()}. */
    public static final class Opening {
        private final long[] lo;
        private final long[] hi;
        private final int n;
        private final int from;
        private final int width;
        private long[] result;

        private Opening(long[] lo, long[] hi, int n, int from, int width) {
            this.lo = lo;
            this.hi = hi;
            this.n = n;
            this.from = from;
            this.width = width;
        }

        /** The n opened values, each in [0, 2^width). */
        public long[] get() {
            if (result == null) {
                throw new IllegalStateException("the round has not run yet");
            }
            return result;
        }
    }

    /** The opened XOR of one boolean opening, available after {@link Round#run()}. */
    public static final class XorOpening {
        private final long[] words;
        private long[] result;

        private XorOpening(long[] words) {
            this.words = words;
        }

        public long[] get() {
            if (result == null) {
                throw new IllegalStateException("the round has not run yet");
            }
            return result;
        }
    }

    /** Opens the XOR of the parties' bit-packed words. */
    public XorOpening openXor(long[] words) {
        if (ran) {
            throw new IllegalStateException("this round already ran; start a new one");
        }
        XorOpening o = new XorOpening(words);
        xorOpenings.add(o);
        return o;
    }

    /** Opens bits [from, from + width) of the sum of this party's values (lo, hi may be null for 0). */
    public Opening open(long[] lo, long[] hi, int n, int from, int width) {
        if (ran) {
            throw new IllegalStateException("this round already ran; start a new one");
        }
        if (width < 1 || width > 64 || from < 0 || from + width > 128) {
            throw new IllegalArgumentException("opening bits [" + from + ", " + (from + width) + ")");
        }
        Opening o = new Opening(lo, hi, n, from, width);
        openings.add(o);
        return o;
    }

    public void run() {
        if (ran) {
            throw new IllegalStateException("this round already ran");
        }
        ran = true;
        long bits = 0;
        long tag = 0x0BE4_0000_0000_0000L;
        for (Opening o : openings) {
            bits += (long) o.n * o.width;
            tag = (tag ^ o.n) * 0x100000001B3L;
            tag = (tag ^ o.width) * 0x100000001B3L;
        }
        for (XorOpening o : xorOpenings) {
            bits += 64L * o.words.length;
            tag = (tag ^ ~o.words.length) * 0x100000001B3L;
        }
        int words = (int) ((bits + 63) >>> 6);
        long[] message = new long[words];
        BitPacker.Writer w = new BitPacker.Writer(message, 0);
        for (Opening o : openings) {
            o.result = new long[o.n];
            for (int i = 0; i < o.n; i++) {
                long v = o.hi == null ? (o.from < 64 ? o.lo[i] >>> o.from : 0L)
                        : Wide.shrLo(o.lo[i], o.hi[i], o.from);
                o.result[i] = v;
                w.write64(v, o.width);
            }
        }
        for (XorOpening o : xorOpenings) {
            o.result = o.words.clone();
            for (long v : o.words) {
                w.write64(v, 64);
            }
        }
        if (words > 0) {
            long[][] in = s.receiveBuffers(words);
            s.net().exchange(tag, message, words, in);
            for (int peer = 0; peer < s.parties(); peer++) {
                if (peer == s.id()) {
                    continue;
                }
                BitPacker.Reader r = new BitPacker.Reader(in[peer], 0);
                for (Opening o : openings) {
                    for (int i = 0; i < o.n; i++) {
                        o.result[i] += r.read64(o.width);
                    }
                }
                for (XorOpening o : xorOpenings) {
                    for (int i = 0; i < o.result.length; i++) {
                        o.result[i] ^= r.read64(64);
                    }
                }
            }
            s.cost().round();
        }
        for (Opening o : openings) {
            if (o.width < 64) {
                long mask = (1L << o.width) - 1;
                for (int i = 0; i < o.n; i++) {
                    o.result[i] &= mask;
                }
            }
        }
    }
}
