package dev.sturdy.protocol.ring;

/**
 * Arithmetic in Z_2^128 on values held as two longs (lo, hi), the ring the activation chain uses:
 * a product of two values at 64 fractional bits or a power of a masked input needs more than 64.
 * Vectors are pairs of arrays of equal length; every operation wraps modulo 2^128, and a value
 * that is only meaningful modulo 2^r (r &lt; 128) is simply read in its low r bits.
 */
public final class Wide {
    private Wide() {
    }

    /** The high 64 bits of the unsigned 128-bit product a * b. */
    public static long mulHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /** hi word of (aLo, aHi) * (bLo, bHi) mod 2^128; the lo word is aLo * bLo. */
    public static long mulHi(long aLo, long aHi, long bLo, long bHi) {
        return mulHigh(aLo, bLo) + aLo * bHi + aHi * bLo;
    }

    /** Carry out of lo + b (as unsigned 64-bit words): 1 when the sum wrapped. */
    public static long carry(long lo, long sum) {
        return Long.compareUnsigned(sum, lo) < 0 ? 1L : 0L;
    }

    /** (lo, hi) += (bLo, bHi) * (cLo, cHi) elementwise, i in [0, n). */
    public static void mulAdd(long[] lo, long[] hi, long[] bLo, long[] bHi, long[] cLo, long[] cHi, int n) {
        for (int i = 0; i < n; i++) {
            long pLo = bLo[i] * cLo[i];
            long pHi = mulHi(bLo[i], bHi[i], cLo[i], cHi[i]);
            long s = lo[i] + pLo;
            hi[i] += pHi + carry(lo[i], s);
            lo[i] = s;
        }
    }

    /** (lo, hi) += c * (bLo, bHi) for one 128-bit constant c. */
    public static void scaleAdd(long[] lo, long[] hi, long cLo, long cHi, long[] bLo, long[] bHi, int n) {
        for (int i = 0; i < n; i++) {
            long pLo = bLo[i] * cLo;
            long pHi = mulHi(bLo[i], bHi[i], cLo, cHi);
            long s = lo[i] + pLo;
            hi[i] += pHi + carry(lo[i], s);
            lo[i] = s;
        }
    }

    /** (lo, hi) shifted right logically by s (0 &lt;= s &lt; 128), keeping the low {@code ring} bits first. */
    public static long shrLo(long lo, long hi, int s) {
        if (s == 0) {
            return lo;
        }
        return s < 64 ? (lo >>> s) | (hi << (64 - s)) : hi >>> (s - 64);
    }

    public static long shrHi(long hi, int s) {
        return s < 64 ? hi >>> s : 0L;
    }

    /** Low word of (lo, hi) << s for 0 &lt;= s &lt; 128. */
    public static long shlLo(long lo, int s) {
        return s < 64 ? lo << s : 0L;
    }

    public static long shlHi(long lo, long hi, int s) {
        if (s == 0) {
            return hi;
        }
        return s < 64 ? (hi << s) | (lo >>> (64 - s)) : lo << (s - 64);
    }

    /** Bit b (0..127) of (lo, hi). */
    public static long bit(long lo, long hi, int b) {
        return b < 64 ? (lo >>> b) & 1L : (hi >>> (b - 64)) & 1L;
    }

    /** The low word of a value kept to its low r bits (r in 1..128). */
    public static long maskLo(long lo, int r) {
        return r >= 64 ? lo : lo & ((1L << r) - 1);
    }

    public static long maskHi(long hi, int r) {
        if (r <= 64) {
            return 0L;
        }
        return r >= 128 ? hi : hi & ((1L << (r - 64)) - 1);
    }
}
