package dev.sturdy.protocol.ring;

/**
 * Bit-sliced layout for boolean shares: bit b of n values is one plane of ceil(n / 64) words,
 * element j at bit (j mod 64) of word j / 64, so one 64-bit XOR or AND handles 64 elements.
 */
public final class BitPlanes {
    private BitPlanes() {
    }

    public static int words(int n) {
        return (n + 63) >>> 6;
    }

    /** planes[b * words(n) + j / 64] gets bit b of values[j] for b &lt; bits (bits above n are zero). */
    public static void transpose(long[] values, int n, int bits, long[] planes) {
        transpose(values, n, 0, bits, planes);
    }

    /** planes[b * words(n) + j / 64] gets bit (from + b) of values[j] for b &lt; bits. */
    public static void transpose(long[] values, int n, int from, int bits, long[] planes) {
        int w = words(n);
        for (int b = 0; b < bits; b++) {
            int base = b * w;
            int shift = from + b;
            for (int word = 0; word < w; word++) {
                int start = word << 6;
                int to = Math.min(n, start + 64);
                long acc = 0;
                for (int j = start; j < to; j++) {
                    acc |= ((values[j] >>> shift) & 1L) << (j - start);
                }
                planes[base + word] = acc;
            }
        }
    }

    /** Bit j of a plane as 0 or 1. */
    public static long bit(long[] plane, int offset, int j) {
        return (plane[offset + (j >>> 6)] >>> (j & 63)) & 1L;
    }
}
