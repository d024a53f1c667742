package dev.sturdy.protocol.ring;

/**
 * Writes and reads values of any width up to 128 bits back to back in a long[] message, so a
 * message carries the bits a value needs, not 64 per value: a truncated opening of a 20-bit wire,
 * a correction with known zero low bits, a 40-bit ring element. Not thread safe.
 */
public final class BitPacker {
    private BitPacker() {
    }

    /** Words that hold n values of the given width. */
    public static int words(long n, int width) {
        return (int) ((n * width + 63) >>> 6);
    }

    /** Writes sequentially into a zeroed array. */
    public static final class Writer {
        private final long[] buf;
        private long pos;

        public Writer(long[] buf, long startBit) {
            this.buf = buf;
            this.pos = startBit;
        }

        /** Bits [from, from + width) of (lo, hi); width 1..128. */
        public void write(long lo, long hi, int from, int width) {
            long vLo = Wide.shrLo(lo, hi, from);
            long vHi = Wide.shrHi(hi, from);
            if (width <= 64) {
                write64(vLo, width);
            } else {
                write64(vLo, 64);
                write64(vHi, width - 64);
            }
        }

        /** The low width bits of v (1..64). */
        public void write64(long v, int width) {
            long masked = width == 64 ? v : v & ((1L << width) - 1);
            int off = (int) (pos & 63);
            int idx = (int) (pos >>> 6);
            buf[idx] |= masked << off;
            if (off + width > 64) {
                buf[idx + 1] |= masked >>> (64 - off);
            }
            pos += width;
        }

        public long position() {
            return pos;
        }
    }

    /** Reads what a {@link Writer} wrote, in the same order and widths. */
    public static final class Reader {
        private final long[] buf;
        private long pos;

        public Reader(long[] buf, long startBit) {
            this.buf = buf;
            this.pos = startBit;
        }

        /** width (1..64) bits as an unsigned value. */
        public long read64(int width) {
            int off = (int) (pos & 63);
            int idx = (int) (pos >>> 6);
            long v = buf[idx] >>> off;
            if (off + width > 64) {
                v |= buf[idx + 1] << (64 - off);
            }
            pos += width;
            return width == 64 ? v : v & ((1L << width) - 1);
        }

        public long position() {
            return pos;
        }
    }
}
