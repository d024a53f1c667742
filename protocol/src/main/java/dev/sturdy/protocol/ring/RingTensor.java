package dev.sturdy.protocol.ring;

import java.util.Arrays;

/**
 * A tensor over the ring Z_2^64: a flat {@code long[]} in row-major order plus a shape.
 * Java's long arithmetic wraps modulo 2^64, so +, -, * are the ring operations for free.
 *
 * <p>The tensor owns its array (no copy on construction; callers hand over arrays they no
 * longer touch). {@link #toString()} prints the shape only: a tensor usually holds a share and
 * shares must never reach a log.
 */
public final class RingTensor {
    private final long[] data;
    private final int[] shape;

    /** Wraps {@code data} (not copied) with the given shape; the sizes must agree. */
    public RingTensor(long[] data, int... shape) {
        if (data == null) {
            throw new IllegalArgumentException("data is null");
        }
        long size = sizeOf(shape);
        if (size != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size
                    + " elements but the data has " + data.length);
        }
        this.data = data;
        this.shape = shape.clone();
    }

    public static RingTensor zeros(int... shape) {
        long size = sizeOf(shape);
        return new RingTensor(new long[(int) size], shape);
    }

    /** Number of elements of a shape; every dimension must be positive. */
    public static long sizeOf(int... shape) {
        if (shape == null || shape.length == 0) {
            throw new IllegalArgumentException("a shape needs at least one dimension");
        }
        long size = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("dimensions must be positive: " + Arrays.toString(shape));
            }
            size *= d;
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("shape too large for one array: " + Arrays.toString(shape));
            }
        }
        return size;
    }

    /** The backing array (not a copy): hot paths read and write it directly. */
    public long[] data() {
        return data;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int i) {
        return shape[i];
    }

    public int size() {
        return data.length;
    }

    public boolean sameShape(RingTensor other) {
        return Arrays.equals(shape, other.shape);
    }

    /** Throws a clear exception when the two shapes differ. */
    public static void requireSameShape(RingTensor a, RingTensor b, String operation) {
        if (!a.sameShape(b)) {
            throw new IllegalArgumentException(operation + ": shape mismatch " + Arrays.toString(a.shape)
                    + " vs " + Arrays.toString(b.shape));
        }
    }

    public RingTensor copy() {
        return new RingTensor(data.clone(), shape);
    }

    /** A view with another shape of the same size, sharing the data. */
    public RingTensor reshape(int... newShape) {
        return new RingTensor(data, newShape);
    }

    public RingTensor add(RingTensor o) {
        requireSameShape(this, o, "add");
        long[] out = new long[data.length];
        long[] b = o.data;
        for (int i = 0; i < out.length; i++) {
            out[i] = data[i] + b[i];
        }
        return new RingTensor(out, shape);
    }

    public RingTensor sub(RingTensor o) {
        requireSameShape(this, o, "sub");
        long[] out = new long[data.length];
        long[] b = o.data;
        for (int i = 0; i < out.length; i++) {
            out[i] = data[i] - b[i];
        }
        return new RingTensor(out, shape);
    }

    /** Elementwise (Hadamard) product in the ring. */
    public RingTensor mul(RingTensor o) {
        requireSameShape(this, o, "mul");
        long[] out = new long[data.length];
        long[] b = o.data;
        for (int i = 0; i < out.length; i++) {
            out[i] = data[i] * b[i];
        }
        return new RingTensor(out, shape);
    }

    public RingTensor neg() {
        long[] out = new long[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = -data[i];
        }
        return new RingTensor(out, shape);
    }

    /** Multiplication by a public ring constant. */
    public RingTensor scale(long c) {
        long[] out = new long[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = data[i] * c;
        }
        return new RingTensor(out, shape);
    }

    public RingTensor addInPlace(RingTensor o) {
        requireSameShape(this, o, "addInPlace");
        RingOps.addInto(data, o.data, data.length);
        return this;
    }

    public RingTensor subInPlace(RingTensor o) {
        requireSameShape(this, o, "subInPlace");
        RingOps.subInto(data, o.data, data.length);
        return this;
    }

    /** Arithmetic (sign-preserving) shift right of every element. */
    public RingTensor shiftRightArithmetic(int bits) {
        long[] out = new long[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = data[i] >> bits;
        }
        return new RingTensor(out, shape);
    }

    /** Ring matrix product of [m x k] and [k x n]. */
    public RingTensor matmul(RingTensor b) {
        if (rank() != 2 || b.rank() != 2 || shape[1] != b.shape[0]) {
            throw new IllegalArgumentException("matmul: shapes " + Arrays.toString(shape) + " and "
                    + Arrays.toString(b.shape) + " do not chain");
        }
        int m = shape[0], k = shape[1], n = b.shape[1];
        long[] out = new long[m * n];
        RingOps.matmul(data, 0, b.data, 0, out, 0, m, k, n, false);
        return new RingTensor(out, m, n);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RingTensor[");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : "x").append(shape[i]);
        }
        return sb.append(']').toString();
    }
}
