package dev.sturdy.protocol.wire;

import dev.sturdy.protocol.correlation.OpeningMask;

/**
 * A wire of the activation chain, the result of a truncating opening: over the integers its value
 * is U = pub - (rho - t M), with pub and t public per element (t = 1 when the masked sum wrapped)
 * and this party's shares of rho and of the wrap term M (null where M vanishes in the ring used).
 * Shares are wide (Z_2^128) and meaningful modulo 2^useRing of the opening's mask; id, mask and
 * truncation name the dealer's side of it (request, its description, which of its wires).
 */
public record TruncatedWire(long[] pub, long[] wrapped, long[] rhoLo, long[] rhoHi, long[] wrapLo, long[] wrapHi,
                            int bits, int id, OpeningMask mask, int truncation) {

    public int size() {
        return pub.length;
    }

    /** Fractional bits of U. */
    public int bits() {
        return bits;
    }

    public boolean hasWrap() {
        return wrapLo != null;
    }

    /** This party's additive shares of U = pub - rho + t M in Z_2^ring (ring at most 64 and the mask's). */
    public Shared toShared(boolean first, int ring) {
        long[] v = new long[pub.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (first ? pub[i] : 0L) - rhoLo[i] + (wrapped[i] != 0 && wrapLo != null ? wrapLo[i] : 0L);
        }
        return new Shared(v, null, ring, bits, v.length);
    }
}
