package dev.sturdy.protocol.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RingTest {
    private static final BigInteger MOD = BigInteger.ONE.shiftLeft(64);

    private static long[] random(SplittableRandom r, int n) {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextLong();
        }
        return a;
    }

    private static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }

    @Test
    void elementwiseOpsMatchBigIntegerModulo2to64() {
        SplittableRandom r = new SplittableRandom(1);
        RingTensor a = new RingTensor(random(r, 1000), 10, 100);
        RingTensor b = new RingTensor(random(r, 1000), 10, 100);
        RingTensor sum = a.add(b), diff = a.sub(b), prod = a.mul(b), neg = a.neg(), sc = a.scale(-12345678901L);
        for (int i = 0; i < 1000; i++) {
            long x = a.data()[i], y = b.data()[i];
            assertEquals(big(x).add(big(y)).mod(MOD).longValue(), sum.data()[i]);
            assertEquals(big(x).subtract(big(y)).mod(MOD).longValue(), diff.data()[i]);
            assertEquals(big(x).multiply(big(y)).mod(MOD).longValue(), prod.data()[i]);
            assertEquals(big(x).negate().mod(MOD).longValue(), neg.data()[i]);
            assertEquals(big(x).multiply(big(-12345678901L)).mod(MOD).longValue(), sc.data()[i]);
        }
    }

    @Test
    void matmulMatchesBigIntegerOnBlockBoundaries() {
        SplittableRandom r = new SplittableRandom(2);
        // sizes straddle BLOCK_K and BLOCK_N
        int m = 7, k = RingOps.BLOCK_K + 3, n = RingOps.BLOCK_N + 5;
        RingTensor a = new RingTensor(random(r, m * k), m, k);
        RingTensor b = new RingTensor(random(r, k * n), k, n);
        RingTensor c = a.matmul(b);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j += 13) {
                BigInteger s = BigInteger.ZERO;
                for (int kk = 0; kk < k; kk++) {
                    s = s.add(big(a.data()[i * k + kk]).multiply(big(b.data()[kk * n + j])));
                }
                assertEquals(s.mod(MOD).longValue(), c.data()[i * n + j], "C[" + i + "," + j + "]");
            }
        }
    }

    @Test
    void matmulAccumulateAddsToExisting() {
        SplittableRandom r = new SplittableRandom(3);
        long[] a = random(r, 6), b = random(r, 6), c = random(r, 4);
        long[] expected = c.clone();
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                for (int kk = 0; kk < 3; kk++) {
                    expected[i * 2 + j] += a[i * 3 + kk] * b[kk * 2 + j];
                }
            }
        }
        RingOps.matmul(a, 0, b, 0, c, 0, 2, 3, 2, true);
        assertArrayEquals(expected, c);
    }

    /** Direct 7-loop convolution, independent of im2col, in groups and dilated. */
    static long[] naiveConv(long[] w, long[] x, int batch, Conv2dGeometry g) {
        int oh = g.outHeight(), ow = g.outWidth(), k = g.kernel();
        int cg = g.inChannels() / g.groups();
        int og = g.outChannels() / g.groups();
        long[] out = new long[batch * g.outputSizePerSample()];
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < g.outChannels(); o++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        long s = 0;
                        for (int c = 0; c < cg; c++) {
                            int channel = (o / og) * cg + c;
                            for (int ky = 0; ky < k; ky++) {
                                for (int kx = 0; kx < k; kx++) {
                                    int iy = oy * g.stride() - g.padding() + ky * g.dilation();
                                    int ix = ox * g.stride() - g.padding() + kx * g.dilation();
                                    if (iy < 0 || ix < 0 || iy >= g.height() || ix >= g.width()) {
                                        continue;
                                    }
                                    s += w[((o * cg + c) * k + ky) * k + kx]
                                            * x[((b * g.inChannels() + channel) * g.height() + iy) * g.width() + ix];
                                }
                            }
                        }
                        out[((b * g.outChannels() + o) * oh + oy) * ow + ox] = s;
                    }
                }
            }
        }
        return out;
    }

    @Test
    void conv2dMatchesDirectConvolutionForSeveralGeometries() {
        SplittableRandom r = new SplittableRandom(4);
        Conv2dGeometry[] gs = {
            new Conv2dGeometry(3, 8, 8, 4, 3, 1, 1),
            new Conv2dGeometry(2, 9, 7, 5, 3, 2, 1),
            new Conv2dGeometry(4, 6, 6, 2, 1, 2, 0),
            new Conv2dGeometry(1, 5, 5, 3, 5, 1, 2),
            new Conv2dGeometry(6, 7, 7, 4, 3, 1, 1, 2, 1),
            new Conv2dGeometry(4, 8, 8, 4, 3, 2, 1, 4, 1),
            new Conv2dGeometry(3, 9, 9, 6, 3, 1, 2, 3, 2),
            new Conv2dGeometry(2, 8, 7, 3, 3, 1, 0, 1, 3),
        };
        for (Conv2dGeometry g : gs) {
            int batch = 3;
            RingTensor w = new RingTensor(random(r, g.weightSize()), g.weightShape());
            RingTensor x = new RingTensor(random(r, batch * g.inputSizePerSample()), g.inputShape(batch));
            RingTensor y = RingOps.conv2d(w, x, g);
            assertArrayEquals(g.outputShape(batch), y.shape());
            assertArrayEquals(naiveConv(w.data(), x.data(), batch, g), y.data(), g.toString());
        }
    }

    @Test
    void fixedPointConvMatchesDoubleConvolution() {
        SplittableRandom r = new SplittableRandom(5);
        FixedPoint fp = new FixedPoint(16);
        Conv2dGeometry g = new Conv2dGeometry(3, 6, 6, 2, 3, 1, 1);
        double[] w = new double[g.weightSize()], x = new double[2 * g.inputSizePerSample()];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextDouble(-1, 1);
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble(-4, 4);
        }
        RingTensor y = RingOps.conv2d(fp.encode(w, g.weightShape()), fp.encode(x, g.inputShape(2)), g);
        // the product has 2f fractional bits; decode with 2f
        FixedPoint fp2 = new FixedPoint(32);
        double[] got = fp2.decode(y);
        double[] want = naiveConvDouble(w, x, 2, g);
        for (int i = 0; i < want.length; i++) {
            // each of 27 products: encoding error <= 0.5 ulp on each factor
            assertEquals(want[i], got[i], 27 * (4 + 1) * fp.ulp(), "element " + i);
        }
    }

    private static double[] naiveConvDouble(double[] w, double[] x, int batch, Conv2dGeometry g) {
        int oh = g.outHeight(), ow = g.outWidth(), k = g.kernel();
        double[] out = new double[batch * g.outputSizePerSample()];
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < g.outChannels(); o++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double s = 0;
                        for (int c = 0; c < g.inChannels(); c++) {
                            for (int ky = 0; ky < k; ky++) {
                                for (int kx = 0; kx < k; kx++) {
                                    int iy = oy * g.stride() - g.padding() + ky;
                                    int ix = ox * g.stride() - g.padding() + kx;
                                    if (iy >= 0 && ix >= 0 && iy < g.height() && ix < g.width()) {
                                        s += w[((o * g.inChannels() + c) * k + ky) * k + kx]
                                                * x[((b * g.inChannels() + c) * g.height() + iy) * g.width() + ix];
                                    }
                                }
                            }
                        }
                        out[((b * g.outChannels() + o) * oh + oy) * ow + ox] = s;
                    }
                }
            }
        }
        return out;
    }

    @Test
    void fixedPointRoundsToNearestAndDecodesSigned() {
        FixedPoint fp = new FixedPoint(16);
        assertEquals(65536L, fp.encode(1.0));
        assertEquals(-65536L, fp.encode(-1.0));
        assertEquals(1L, fp.encode(0.6 / 65536));
        assertEquals(0L, fp.encode(0.4 / 65536));
        assertEquals(-1L, fp.encode(-0.6 / 65536));
        assertEquals(-2.5, fp.decode(fp.encode(-2.5)));
        SplittableRandom r = new SplittableRandom(6);
        for (int i = 0; i < 10000; i++) {
            double v = r.nextDouble(-1e6, 1e6);
            assertTrue(Math.abs(fp.decode(fp.encode(v)) - v) <= fp.ulp() / 2 + 1e-12);
        }
        assertThrows(IllegalArgumentException.class, () -> fp.encode(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> fp.encode(0x1p50));
    }

    @Test
    void shapeMisuseIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RingTensor(new long[5], 2, 3));
        RingTensor a = RingTensor.zeros(2, 3), b = RingTensor.zeros(3, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.add(b));
        assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.matmul(a));
        Conv2dGeometry g = new Conv2dGeometry(3, 8, 8, 4, 3, 1, 1);
        assertThrows(IllegalArgumentException.class,
                () -> RingOps.conv2d(RingTensor.zeros(4, 3, 3, 3), RingTensor.zeros(1, 2, 8, 8), g));
        assertEquals("RingTensor[2x3]", a.toString());
    }
}
