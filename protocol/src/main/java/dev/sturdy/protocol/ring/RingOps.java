package dev.sturdy.protocol.ring;

import java.util.Arrays;

/**
 * Kernels on flat {@code long[]} arrays over Z_2^64: elementwise ops, blocked matrix product and
 * convolution through im2col. Everything works on caller-supplied arrays with offsets so hot
 * paths can reuse buffers.
 */
public final class RingOps {
    /** Columns of B (and C) per block: 4 KiB of a row, so a row segment stays in L1. */
    static final int BLOCK_N = 512;
    /** Rows of B per block: BLOCK_K x BLOCK_N longs = 256 KiB, sized for L2. */
    static final int BLOCK_K = 64;

    private RingOps() {
    }

    public static void addInto(long[] acc, long[] b, int n) {
        for (int i = 0; i < n; i++) {
            acc[i] += b[i];
        }
    }

    public static void subInto(long[] acc, long[] b, int n) {
        for (int i = 0; i < n; i++) {
            acc[i] -= b[i];
        }
    }

    /** out[i] = a[i] - b[i]. */
    public static void sub(long[] a, long[] b, long[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[i] - b[i];
        }
    }

    /**
     * C[m x n] (+)= A[m x k] * B[k x n], row-major, at the given offsets. Blocked over k and n with
     * an i-k-j inner order: the innermost loop is a scaled row update {@code c[j] += a * b[j]}
     * that the JIT turns into a vector loop.
     *
     * @param accumulate add into C instead of overwriting it
     */
    public static void matmul(long[] a, int aOff, long[] b, int bOff, long[] c, int cOff, int m, int k, int n,
                              boolean accumulate) {
        if (!accumulate) {
            Arrays.fill(c, cOff, cOff + m * n, 0L);
        }
        for (int k0 = 0; k0 < k; k0 += BLOCK_K) {
            int k1 = Math.min(k, k0 + BLOCK_K);
            for (int j0 = 0; j0 < n; j0 += BLOCK_N) {
                int j1 = Math.min(n, j0 + BLOCK_N);
                for (int i = 0; i < m; i++) {
                    int cRow = cOff + i * n;
                    int aRow = aOff + i * k;
                    for (int kk = k0; kk < k1; kk++) {
                        long av = a[aRow + kk];
                        if (av == 0L) {
                            continue;
                        }
                        rowUpdate(c, cRow, b, bOff + kk * n, av, j0, j1);
                    }
                }
            }
        }
    }

    private static void rowUpdate(long[] c, int cRow, long[] b, int bRow, long av, int j0, int j1) {
        for (int j = j0; j < j1; j++) {
            c[cRow + j] += av * b[bRow + j];
        }
    }

    /**
     * Unfolds one group's channels of a CHW sample (starting at xOff) into the im2col matrix
     * [patchSize x (outH*outW)], zero padded. Row p = (c*kernel + ky)*kernel + kx, column q = oy*outW + ox.
     */
    public static void im2col(long[] x, int xOff, Conv2dGeometry g, long[] col) {
        int k = g.kernel(), s = g.stride(), pad = g.padding(), d = g.dilation();
        int h = g.height(), w = g.width(), oh = g.outHeight(), ow = g.outWidth();
        int cols = oh * ow;
        int row = 0;
        for (int ch = 0; ch < g.groupInChannels(); ch++) {
            int chOff = xOff + ch * h * w;
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++, row++) {
                    int base = row * cols;
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * s - pad + ky * d;
                        int dst = base + oy * ow;
                        if (iy < 0 || iy >= h) {
                            Arrays.fill(col, dst, dst + ow, 0L);
                            continue;
                        }
                        int src = chOff + iy * w;
                        for (int ox = 0; ox < ow; ox++) {
                            int ix = ox * s - pad + kx * d;
                            col[dst + ox] = (ix < 0 || ix >= w) ? 0L : x[src + ix];
                        }
                    }
                }
            }
        }
    }

    /** Size of the im2col scratch buffer {@link #conv2d} needs. */
    public static int colBufferSize(Conv2dGeometry g) {
        return g.patchSize() * g.outHeight() * g.outWidth();
    }

    /**
     * out[batch x O x oh x ow] (+)= conv(weights[O x C/groups x k x k], x[batch x C x h x w]) over the ring, group by group.
     *
     * @param col scratch of at least {@link #colBufferSize(Conv2dGeometry)} longs, reused per sample
     */
    public static void conv2d(long[] weights, long[] x, int batch, Conv2dGeometry g, long[] out, boolean accumulate,
                              long[] col) {
        conv2d(weights, 0, x, 0, batch, g, out, 0, accumulate, col);
    }

    /** As {@link #conv2d(long[], long[], int, Conv2dGeometry, long[], boolean, long[])} with array offsets. */
    public static void conv2d(long[] weights, int wOff, long[] x, int xOff, int batch, Conv2dGeometry g, long[] out,
                              int outOff, boolean accumulate, long[] col) {
        int inSize = g.inputSizePerSample(), outSize = g.outputSizePerSample();
        int cols = g.outHeight() * g.outWidth();
        if (weights.length < wOff + g.weightSize() || x.length < xOff + batch * inSize
                || out.length < outOff + batch * outSize || col.length < colBufferSize(g)) {
            throw new IllegalArgumentException("conv2d: array sizes do not match the geometry " + g);
        }
        int groupIn = g.groupInChannels() * g.height() * g.width();
        int groupOut = g.groupOutChannels();
        for (int b = 0; b < batch; b++) {
            for (int gr = 0; gr < g.groups(); gr++) {
                im2col(x, xOff + b * inSize + gr * groupIn, g, col);
                matmul(weights, wOff + gr * groupOut * g.patchSize(), col, 0, out, outOff + b * outSize + gr * groupOut * cols,
                        groupOut, g.patchSize(), cols, accumulate);
            }
        }
    }

    /** Allocating convenience form of {@link #conv2d(long[], long[], int, Conv2dGeometry, long[], boolean, long[])}. */
    public static RingTensor conv2d(RingTensor weights, RingTensor x, Conv2dGeometry g) {
        checkConvShapes(weights, x, g);
        int batch = x.dim(0);
        long[] out = new long[batch * g.outputSizePerSample()];
        conv2d(weights.data(), x.data(), batch, g, out, false, new long[colBufferSize(g)]);
        return new RingTensor(out, g.outputShape(batch));
    }

    /** Throws a clear exception unless weights and input have the shapes the geometry implies. */
    public static void checkConvShapes(RingTensor weights, RingTensor x, Conv2dGeometry g) {
        if (!Arrays.equals(weights.shape(), g.weightShape())) {
            throw new IllegalArgumentException("conv2d: weight shape " + Arrays.toString(weights.shape())
                    + " but the geometry needs " + Arrays.toString(g.weightShape()));
        }
        if (x.rank() != 4 || !Arrays.equals(x.shape(), g.inputShape(x.dim(0)))) {
            throw new IllegalArgumentException("conv2d: input shape " + Arrays.toString(x.shape())
                    + " but the geometry needs [batch, " + g.inChannels() + ", " + g.height() + ", " + g.width() + "]");
        }
    }
}
