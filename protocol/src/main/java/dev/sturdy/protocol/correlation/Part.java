package dev.sturdy.protocol.correlation;

/**
 * One array of a correlation: {@code count} values in Z_2^ring whose low {@code zeroLow} bits are
 * zero, shared additively, or {@code count} 64-bit words shared by XOR (bit planes).
 * A RANDOM part is pure randomness every party derives from the PRG it shares with the dealer (the
 * dealer knows the sum); a DEALT part is a value the dealer computes: all parties but the request's
 * receiver derive their shares from the PRG and the receiver gets the difference, ring - zeroLow
 * bits a value.
 */
public record Part(String name, int count, int ring, int zeroLow, boolean xor, boolean dealt) {

    public Part {
        if (count < 0 || ring < 1 || ring > 128 || zeroLow < 0 || zeroLow >= ring) {
            throw new IllegalArgumentException("part " + name + ": count " + count + ", ring " + ring + ", zero low " + zeroLow);
        }
    }

    public static Part random(String name, int count, int ring) {
        return new Part(name, count, ring, 0, false, false);
    }

    public static Part dealt(String name, int count, int ring, int zeroLow) {
        return new Part(name, count, ring, zeroLow, false, true);
    }

    public static Part randomBits(String name, int words) {
        return new Part(name, words, 64, 0, true, false);
    }

    public static Part dealtBits(String name, int words) {
        return new Part(name, words, 64, 0, true, true);
    }

    /** Whether a value needs a second word (ring above 64 bits). */
    public boolean wide() {
        return !xor && ring > 64;
    }

    /** Bits of the correction per value. */
    public int correctionBits() {
        return xor ? 64 : ring - zeroLow;
    }
}
