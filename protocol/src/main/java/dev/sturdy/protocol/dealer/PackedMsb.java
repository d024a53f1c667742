package dev.sturdy.protocol.dealer;

/**
 * The msb part of a truncation triple, sent packed. The parties share m = msb(r) 2^(64-f), the
 * term the truncation needs, instead of msb(r): parties 1..N-1 shift their PRG output up by
 * 64 - f, so every share is a multiple of 2^(64-f) (still uniform in that subgroup), and party 0's
 * correction has only f significant bits. 64 / f corrections share one word, which brings the
 * dealer's TRUNC message from 2n to n + ceil(n / (64 / f)) ring elements.
 */
final class PackedMsb {
    private PackedMsb() {
    }

    /** Words that carry n corrections of f bits (f in 1..62). */
    static int words(int n, int f) {
        int perWord = 64 / f;
        return (n + perWord - 1) / perWord;
    }

    /** Turns PRG output into shares of a multiple of 2^(64-f), in place. */
    static void scale(long[] shares, int n, int f) {
        int up = 64 - f;
        for (int j = 0; j < n; j++) {
            shares[j] <<= up;
        }
    }

    /** Packs the low f bits of values[0, n) into out[off, off + words(n, f)). */
    static void pack(long[] values, int n, int f, long[] out, int off) {
        int perWord = 64 / f;
        long mask = (1L << f) - 1;
        for (int j = 0, w = off; j < n; w++) {
            long word = 0;
            for (int k = 0; k < perWord && j < n; k++, j++) {
                word |= (values[j] & mask) << (k * f);
            }
            out[w] = word;
        }
    }

    /** Party 0's shares of m from the packed corrections in[off, ...): each f-bit value shifted up by 64 - f. */
    static void unpack(long[] in, int off, int n, int f, long[] out) {
        int perWord = 64 / f;
        int up = 64 - f;
        for (int j = 0; j < n; j++) {
            out[j] = (in[off + j / perWord] >>> (j % perWord * f)) << up;
        }
    }
}
