package dev.sturdy.protocol.prg;

import java.security.SecureRandom;

/** A 128-bit PRG seed (an AES key). {@link #toString()} never shows the key. */
public final class Seed {
    public static final int BYTES = 16;
    private final byte[] key;

    private Seed(byte[] key) {
        this.key = key;
    }

    public static Seed random(SecureRandom rnd) {
        byte[] k = new byte[BYTES];
        rnd.nextBytes(k);
        return new Seed(k);
    }

    public static Seed ofBytes(byte[] key) {
        if (key.length != BYTES) {
            throw new IllegalArgumentException("a seed has " + BYTES + " bytes, got " + key.length);
        }
        return new Seed(key.clone());
    }

    /** The seed as two longs, for sending over the network interface. */
    public long[] toLongs() {
        long hi = 0, lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (key[i] & 0xFF);
            lo = (lo << 8) | (key[8 + i] & 0xFF);
        }
        return new long[] {hi, lo};
    }

    public static Seed fromLongs(long[] v) {
        if (v.length != 2) {
            throw new IllegalArgumentException("a seed travels as 2 longs, got " + v.length);
        }
        byte[] k = new byte[BYTES];
        for (int i = 0; i < 8; i++) {
            k[i] = (byte) (v[0] >>> (56 - 8 * i));
            k[8 + i] = (byte) (v[1] >>> (56 - 8 * i));
        }
        return new Seed(k);
    }

    byte[] keyBytes() {
        return key;
    }

    @Override
    public String toString() {
        return "Seed[hidden]";
    }
}
