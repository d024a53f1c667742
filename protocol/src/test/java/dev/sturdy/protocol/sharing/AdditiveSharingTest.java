package dev.sturdy.protocol.sharing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.protocol.prg.Prg;
import dev.sturdy.protocol.prg.Seed;
import dev.sturdy.protocol.ring.RingTensor;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AdditiveSharingTest {
    @Test
    void splitThenReconstructIsIdentityForTwoAndThreeParties() {
        Prg prg = new Prg(Seed.random(new SecureRandom()));
        SplittableRandom r = new SplittableRandom(9);
        long[] secret = new long[1001];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = r.nextLong();
        }
        for (int n : new int[] {2, 3}) {
            long[][] shares = AdditiveSharing.split(secret, n, prg);
            assertArrayEquals(secret, AdditiveSharing.reconstruct(shares));
            // independent check: plain wrapping sum
            for (int i = 0; i < secret.length; i++) {
                long s = 0;
                for (long[] sh : shares) {
                    s += sh[i];
                }
                assertTrue(s == secret[i]);
            }
        }
        RingTensor t = new RingTensor(secret.clone(), 7, 11, 13);
        assertArrayEquals(secret, AdditiveSharing.reconstruct(AdditiveSharing.split(t, 3, prg)).data());
    }

    @Test
    void aShareOfZeroLooksUniform() {
        Prg prg = new Prg(Seed.random(new SecureRandom()));
        long[][] shares = AdditiveSharing.split(new long[1 << 14], 2, prg);
        int top = 0;
        for (long v : shares[0]) {
            top += (int) (v >>> 63);
        }
        double z = (top - 8192) / Math.sqrt(4096);
        assertTrue(Math.abs(z) < 6, "z = " + z);
    }

    @Test
    void mismatchedSharesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> AdditiveSharing.reconstruct(new long[3], new long[4]));
        assertThrows(IllegalArgumentException.class,
                () -> AdditiveSharing.split(new long[3], 1, new Prg(Seed.random(new SecureRandom()))));
    }
}
