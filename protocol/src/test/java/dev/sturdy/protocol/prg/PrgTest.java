package dev.sturdy.protocol.prg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PrgTest {
    @Test
    void outputEqualsAesEcbOfCounterBlocks() throws Exception {
        byte[] key = new byte[16];
        for (int i = 0; i < 16; i++) {
            key[i] = (byte) (i * 7 + 1);
        }
        long stream = 0x0102030405060708L;
        long[] got = new Prg(Seed.ofBytes(key), stream).next(10);
        // independent computation: E_k(stream || counter) block by block, little-endian longs
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        long[] want = new long[10];
        for (int blk = 0; blk < 5; blk++) {
            ByteBuffer ctr = ByteBuffer.allocate(16).putLong(stream).putLong(blk);
            ByteBuffer ks = ByteBuffer.wrap(ecb.doFinal(ctr.array())).order(ByteOrder.LITTLE_ENDIAN);
            want[2 * blk] = ks.getLong();
            want[2 * blk + 1] = ks.getLong();
        }
        assertArrayEquals(want, got);
    }

    @Test
    void piecewiseFillsEqualOneFillAcrossChunkBoundaries() {
        Seed s = Seed.random(new SecureRandom());
        long[] whole = new Prg(s).next(20000);
        Prg p = new Prg(s);
        long[] parts = new long[20000];
        int[] cuts = {0, 1, 4095, 4096, 4097, 9000, 20000};
        for (int i = 0; i + 1 < cuts.length; i++) {
            p.fill(parts, cuts[i], cuts[i + 1] - cuts[i]);
        }
        assertArrayEquals(whole, parts);
        assertEquals(20000, p.produced());
    }

    @Test
    void streamsAndSeedsAreIndependent() {
        Seed s = Seed.random(new SecureRandom()), t = Seed.random(new SecureRandom());
        assertFalse(Arrays.equals(new Prg(s, 0).next(8), new Prg(s, 1).next(8)));
        assertFalse(Arrays.equals(new Prg(s).next(8), new Prg(t).next(8)));
        assertArrayEquals(new Prg(s, 5).next(8), new Prg(Seed.fromLongs(s.toLongs()), 5).next(8));
        assertEquals("Seed[hidden]", s.toString());
    }

    @Test
    void bitsAreBalanced() {
        long[] v = new Prg(Seed.random(new SecureRandom())).next(1 << 16);
        long ones = 0;
        for (long x : v) {
            ones += Long.bitCount(x);
        }
        double n = 64.0 * v.length, z = (ones - n / 2) / Math.sqrt(n / 4);
        assertTrue(Math.abs(z) < 6, "bit balance z = " + z);
        for (int bit = 0; bit < 64; bit++) {
            long c = 0;
            for (long x : v) {
                c += (x >>> bit) & 1;
            }
            double zb = (c - v.length / 2.0) / Math.sqrt(v.length / 4.0);
            assertTrue(Math.abs(zb) < 6, "bit " + bit + " z = " + zb);
        }
    }
}
