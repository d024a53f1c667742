package dev.sturdy.protocol.sharing;

import dev.sturdy.protocol.prg.Prg;
import dev.sturdy.protocol.ring.RingTensor;

/**
 * Additive secret sharing over Z_2^64 among n parties: x = x_0 + ... + x_{n-1} (mod 2^64).
 * Shares 1..n-1 are uniform from a cryptographic PRG; share 0 is derived as x minus their sum, so
 * any n-1 shares are uniform and independent of x.
 */
public final class AdditiveSharing {
    private AdditiveSharing() {
    }

    public static long[][] split(long[] secret, int parties, Prg prg) {
        if (parties < 2) {
            throw new IllegalArgumentException("sharing needs at least 2 parties, got " + parties);
        }
        int n = secret.length;
        long[][] shares = new long[parties][];
        long[] first = secret.clone();
        for (int p = 1; p < parties; p++) {
            shares[p] = prg.next(n);
            long[] s = shares[p];
            for (int i = 0; i < n; i++) {
                first[i] -= s[i];
            }
        }
        shares[0] = first;
        return shares;
    }

    public static RingTensor[] split(RingTensor secret, int parties, Prg prg) {
        long[][] s = split(secret.data(), parties, prg);
        RingTensor[] out = new RingTensor[parties];
        for (int p = 0; p < parties; p++) {
            out[p] = new RingTensor(s[p], secret.shape());
        }
        return out;
    }

    public static long[] reconstruct(long[]... shares) {
        if (shares.length == 0) {
            throw new IllegalArgumentException("no shares");
        }
        int n = shares[0].length;
        long[] out = new long[n];
        for (long[] s : shares) {
            if (s.length != n) {
                throw new IllegalArgumentException("shares of different lengths: " + n + " vs " + s.length);
            }
            for (int i = 0; i < n; i++) {
                out[i] += s[i];
            }
        }
        return out;
    }

    public static RingTensor reconstruct(RingTensor... shares) {
        long[][] d = new long[shares.length][];
        for (int p = 0; p < shares.length; p++) {
            RingTensor.requireSameShape(shares[0], shares[p], "reconstruct");
            d[p] = shares[p].data();
        }
        return new RingTensor(reconstruct(d), shares[0].shape());
    }
}
