package dev.sturdy.model.eval;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The arithmetic of one sample's layers on CHW double arrays. Convolution is im2col followed by a
 * matrix product written with the (incubating) Vector API, several times faster than loops the
 * JIT vectorises on its own.
 */
final class Kernels {

    private Kernels() {
    }

    /**
     * cols[(c*k*k + ky*k + kx) * outH*outW + oy*outW + ox] = the zero-padded input at
     * (oy*stride - pad + ky*dilation, ox*stride - pad + kx*dilation) of channel c counted from inOff.
     */
    static void im2col(double[] in, int inOff, int channels, int h, int w, int k, int stride, int pad, int dilation,
                       int outH, int outW, double[] cols) {
        int plane = outH * outW;
        int row = 0;
        for (int c = 0; c < channels; c++) {
            int inBase = inOff + c * h * w;
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++, row++) {
                    int base = row * plane;
                    for (int oy = 0; oy < outH; oy++) {
                        int iy = oy * stride - pad + ky * dilation;
                        int o = base + oy * outW;
                        if (iy < 0 || iy >= h) {
                            java.util.Arrays.fill(cols, o, o + outW, 0.0);
                            continue;
                        }
                        int inRow = inBase + iy * w;
                        for (int ox = 0; ox < outW; ox++) {
                            int ix = ox * stride - pad + kx * dilation;
                            cols[o + ox] = ix >= 0 && ix < w ? in[inRow + ix] : 0.0;
                        }
                    }
                }
            }
        }
    }

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    /**
     * out[outOff + o * n + j] = bias[o] + sum_p weight[o * kdim + p] * cols[p * n + j]. The bulk runs as a
     * register-blocked kernel (4 output rows x 2 vectors of columns held in 8 accumulators, so each
     * loaded vector feeds four fused multiply-adds and nothing is stored inside the k loop); the
     * edges fall back to scalar loops.
     */
    static void matmulBias(double[] weight, double[] bias, int rows, int kdim, double[] cols, int n, double[] out,
                           int outOff) {
        int blockRows = rows - rows % 4;
        int blockCols = n - n % (2 * LANES);
        for (int o = 0; o < blockRows; o += 4) {
            for (int j = 0; j < blockCols; j += 2 * LANES) {
                block4x2(weight, bias, o, kdim, cols, n, j, out, outOff);
            }
            if (blockCols < n) {
                scalarRows(weight, bias, o, o + 4, kdim, cols, n, blockCols, out, outOff);
            }
        }
        scalarRows(weight, bias, blockRows, rows, kdim, cols, n, 0, out, outOff);
    }

    private static void block4x2(double[] w, double[] bias, int o, int kdim, double[] cols, int n, int j, double[] out,
                                 int outOff) {
        DoubleVector a00 = DoubleVector.broadcast(SPECIES, bias[o]);
        DoubleVector a01 = a00;
        DoubleVector a10 = DoubleVector.broadcast(SPECIES, bias[o + 1]);
        DoubleVector a11 = a10;
        DoubleVector a20 = DoubleVector.broadcast(SPECIES, bias[o + 2]);
        DoubleVector a21 = a20;
        DoubleVector a30 = DoubleVector.broadcast(SPECIES, bias[o + 3]);
        DoubleVector a31 = a30;
        int w0 = o * kdim;
        for (int p = 0, c = j; p < kdim; p++, c += n) {
            DoubleVector x0 = DoubleVector.fromArray(SPECIES, cols, c);
            DoubleVector x1 = DoubleVector.fromArray(SPECIES, cols, c + LANES);
            DoubleVector v = DoubleVector.broadcast(SPECIES, w[w0 + p]);
            a00 = x0.fma(v, a00);
            a01 = x1.fma(v, a01);
            v = DoubleVector.broadcast(SPECIES, w[w0 + kdim + p]);
            a10 = x0.fma(v, a10);
            a11 = x1.fma(v, a11);
            v = DoubleVector.broadcast(SPECIES, w[w0 + 2 * kdim + p]);
            a20 = x0.fma(v, a20);
            a21 = x1.fma(v, a21);
            v = DoubleVector.broadcast(SPECIES, w[w0 + 3 * kdim + p]);
            a30 = x0.fma(v, a30);
            a31 = x1.fma(v, a31);
        }
        a00.intoArray(out, outOff + o * n + j);
        a01.intoArray(out, outOff + o * n + j + LANES);
        a10.intoArray(out, outOff + (o + 1) * n + j);
        a11.intoArray(out, outOff + (o + 1) * n + j + LANES);
        a20.intoArray(out, outOff + (o + 2) * n + j);
        a21.intoArray(out, outOff + (o + 2) * n + j + LANES);
        a30.intoArray(out, outOff + (o + 3) * n + j);
        a31.intoArray(out, outOff + (o + 3) * n + j + LANES);
    }

    /** Rows [from, to) and columns [fromCol, n) of the product, one multiply-add at a time. */
    private static void scalarRows(double[] w, double[] bias, int from, int to, int kdim, double[] cols, int n, int fromCol,
                                   double[] out, int outOff) {
        for (int o = from; o < to; o++) {
            int r = outOff + o * n;
            java.util.Arrays.fill(out, r + fromCol, r + n, bias[o]);
            for (int p = 0; p < kdim; p++) {
                double a = w[o * kdim + p];
                int c = p * n;
                for (int j = fromCol; j < n; j++) {
                    out[r + j] += a * cols[c + j];
                }
            }
        }
    }

    static void affineChannels(double[] in, double[] scale, double[] shift, int plane, double[] out) {
        for (int c = 0; c < scale.length; c++) {
            double s = scale[c];
            double t = shift[c];
            for (int i = c * plane, end = i + plane; i < end; i++) {
                out[i] = in[i] * s + t;
            }
        }
    }

    static void avgPool(double[] in, int channels, int h, int w, int k, int stride, int outH, int outW, double[] out) {
        double inv = 1.0 / (k * k);
        for (int c = 0; c < channels; c++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    double sum = 0;
                    for (int ky = 0; ky < k; ky++) {
                        int row = c * h * w + (oy * stride + ky) * w + ox * stride;
                        for (int kx = 0; kx < k; kx++) {
                            sum += in[row + kx];
                        }
                    }
                    out[(c * outH + oy) * outW + ox] = sum * inv;
                }
            }
        }
    }

    /** out[i] = in[index[i]], or 0 where index[i] is -1. */
    static void gather(double[] in, int[] index, double[] out) {
        for (int i = 0; i < index.length; i++) {
            out[i] = index[i] < 0 ? 0.0 : in[index[i]];
        }
    }
}
