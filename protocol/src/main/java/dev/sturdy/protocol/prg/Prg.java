package dev.sturdy.protocol.prg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Cryptographic PRG: AES-128 in counter mode, keyed by a {@link Seed}, producing uniform elements of
 * Z_2^64. The 16-byte counter block starts at (stream id, 0), so one seed yields independent
 * streams for different stream ids.
 *
 * <p>Implementation note: we use the JDK's {@code Cipher.getInstance("AES/CTR/NoPadding")} on
 * purpose. HotSpot compiles it to AES-NI instructions (with a CTR-mode intrinsic on x86-64), which
 * is several times faster than Bouncy Castle's pure-Java {@code AESEngine}; no extra dependency
 * either. Bulk output: the cipher encrypts a reused block of zero bytes into a reused output
 * block (that is the key stream), and a little-endian {@link LongBuffer} view copies it into the
 * caller's {@code long[]} in one bulk get. No allocation per call.
 *
 * <p>Not thread safe: one Prg per consuming thread.
 */
public final class Prg {
    private static final int CHUNK_BYTES = 1 << 15;
    private static final byte[] ZEROS = new byte[CHUNK_BYTES];

    private final Cipher cipher;
    private final byte[] out = new byte[CHUNK_BYTES];
    private final LongBuffer outLongs = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
    private long produced;

    public Prg(Seed seed) {
        this(seed, 0L);
    }

    public Prg(Seed seed, long streamId) {
        byte[] iv = new byte[16];
        for (int i = 0; i < 8; i++) {
            iv[i] = (byte) (streamId >>> (56 - 8 * i));
        }
        try {
            cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed.keyBytes(), "AES"), new IvParameterSpec(iv));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR is not available in this JDK", e);
        }
    }

    /** Fills out[off, off+len) with uniform ring elements. */
    public void fill(long[] dst, int off, int len) {
        if (off < 0 || len < 0 || off + len > dst.length) {
            throw new IndexOutOfBoundsException("fill " + off + "+" + len + " of " + dst.length);
        }
        int remaining = len;
        int pos = off;
        while (remaining > 0) {
            int n = Math.min(remaining, CHUNK_BYTES / 8);
            try {
                int got = cipher.update(ZEROS, 0, n * 8, out, 0);
                if (got != n * 8) {
                    throw new IllegalStateException("AES/CTR returned " + got + " bytes, expected " + n * 8);
                }
            } catch (javax.crypto.ShortBufferException e) {
                throw new IllegalStateException(e);
            }
            outLongs.clear();
            outLongs.get(dst, pos, n);
            pos += n;
            remaining -= n;
        }
        produced += len;
    }

    public void fill(long[] dst) {
        fill(dst, 0, dst.length);
    }

    public long[] next(int n) {
        long[] a = new long[n];
        fill(a, 0, n);
        return a;
    }

    public long nextLong() {
        long[] one = new long[1];
        fill(one, 0, 1);
        return one[0];
    }

    /** Ring elements produced so far, for checking that two sides consumed the stream alike. */
    public long produced() {
        return produced;
    }
}
