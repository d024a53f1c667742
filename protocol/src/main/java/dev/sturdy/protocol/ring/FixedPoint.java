package dev.sturdy.protocol.ring;

/**
 * Fixed-point encoding of reals into Z_2^64 with {@code f} fractional bits: v -> round(v * 2^f) as
 * a two's complement long. Decoding reads the ring element as signed. A product of two encodings
 * carries 2f fractional bits and must be truncated by f.
 */
public final class FixedPoint {
    private final int fractionalBits;
    private final double scale;

    public FixedPoint(int fractionalBits) {
        if (fractionalBits < 0 || fractionalBits > 62) {
            throw new IllegalArgumentException("fractional bits must be in 0..62, got " + fractionalBits);
        }
        this.fractionalBits = fractionalBits;
        this.scale = Math.scalb(1.0, fractionalBits);
    }

    public int fractionalBits() {
        return fractionalBits;
    }

    /** The value of one unit in the last place, 2^-f. */
    public double ulp() {
        return 1.0 / scale;
    }

    /** Round to nearest (ties away from zero); |v| * 2^f must stay below 2^62. */
    public long encode(double v) {
        double s = v * scale;
        if (!(Math.abs(s) < 0x1p62)) {
            throw new IllegalArgumentException("value out of the fixed-point range (|v| < 2^" + (62 - fractionalBits)
                    + ") or not finite");
        }
        return s >= 0 ? (long) Math.floor(s + 0.5) : -(long) Math.floor(-s + 0.5);
    }

    public double decode(long v) {
        return v / scale;
    }

    public long[] encode(double[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = encode(v[i]);
        }
        return out;
    }

    public double[] decode(long[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / scale;
        }
        return out;
    }

    public RingTensor encode(double[] v, int... shape) {
        return new RingTensor(encode(v), shape);
    }

    public double[] decode(RingTensor t) {
        return decode(t.data());
    }
}
