package dev.sturdy.protocol;

import dev.sturdy.protocol.ring.Conv2dGeometry;

/** Plain reference computations for tests, written independently of the code under test. */
public final class Plain {
    private Plain() {
    }

    public static long[] matmul(long[] a, long[] b, int m, int k, int n) {
        long[] c = new long[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                long s = 0;
                for (int t = 0; t < k; t++) {
                    s += a[i * k + t] * b[t * n + j];
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    public static double[] matmul(double[] a, double[] b, int m, int k, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int t = 0; t < k; t++) {
                    s += a[i * k + t] * b[t * n + j];
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    /** Direct convolution over the ring (weights OxCxkxk, input BxCxHxW). */
    public static long[] conv(long[] w, long[] x, int batch, Conv2dGeometry g) {
        long[] out = new long[batch * g.outputSizePerSample()];
        forEachTap(batch, g, (o, i, wi, xi) -> out[o] += w[wi] * x[xi]);
        return out;
    }

    public static double[] conv(double[] w, double[] x, int batch, Conv2dGeometry g) {
        double[] out = new double[batch * g.outputSizePerSample()];
        forEachTap(batch, g, (o, i, wi, xi) -> out[o] += w[wi] * x[xi]);
        return out;
    }

    private interface Tap {
        void at(int outIndex, int unused, int weightIndex, int inputIndex);
    }

    private static void forEachTap(int batch, Conv2dGeometry g, Tap tap) {
        int oh = g.outHeight(), ow = g.outWidth(), k = g.kernel(), c = g.inChannels();
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < g.outChannels(); o++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        int outIndex = ((b * g.outChannels() + o) * oh + oy) * ow + ox;
                        for (int ch = 0; ch < c; ch++) {
                            for (int ky = 0; ky < k; ky++) {
                                for (int kx = 0; kx < k; kx++) {
                                    int iy = oy * g.stride() - g.padding() + ky;
                                    int ix = ox * g.stride() - g.padding() + kx;
                                    if (iy >= 0 && ix >= 0 && iy < g.height() && ix < g.width()) {
                                        tap.at(outIndex, 0, ((o * c + ch) * k + ky) * k + kx,
                                                ((b * c + ch) * g.height() + iy) * g.width() + ix);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    public static long[] sum(long[]... shares) {
        long[] out = new long[shares[0].length];
        for (long[] s : shares) {
            for (int i = 0; i < out.length; i++) {
                out[i] += s[i];
            }
        }
        return out;
    }
}
