package dev.sturdy.model.eval;

/**
 * The arithmetic of one sample's layers on CHW double arrays. Convolution is im2col followed by a
 * row-blocked product whose inner loop the JIT vectorises.
 */
final class Kernels {

    private Kernels() {
    }

    /** cols[(c*k*k + ky*k + kx) * outH*outW + oy*outW + ox] = padded input patch value. */
    static void im2col(double[] in, int channels, int h, int w, int k, int stride, int pad, int outH, int outW,
                       double[] cols) {
        int plane = outH * outW;
        int row = 0;
        for (int c = 0; c < channels; c++) {
            int inBase = c * h * w;
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++, row++) {
                    int base = row * plane;
                    for (int oy = 0; oy < outH; oy++) {
                        int iy = oy * stride - pad + ky;
                        int o = base + oy * outW;
                        if (iy < 0 || iy >= h) {
                            java.util.Arrays.fill(cols, o, o + outW, 0.0);
                            continue;
                        }
                        int inRow = inBase + iy * w;
                        for (int ox = 0; ox < outW; ox++) {
                            int ix = ox * stride - pad + kx;
                            cols[o + ox] = ix >= 0 && ix < w ? in[inRow + ix] : 0.0;
                        }
                    }
                }
            }
        }
    }

    /**
     * out[o * n + j] = bias[o] + sum_p weight[o * kdim + p] * cols[p * n + j], four output rows at a
     * time so each loaded column element feeds four multiply-adds.
     */
    static void matmulBias(double[] weight, double[] bias, int rows, int kdim, double[] cols, int n, double[] out) {
        int o = 0;
        for (; o + 4 <= rows; o += 4) {
            int r0 = o * n;
            int r1 = r0 + n;
            int r2 = r1 + n;
            int r3 = r2 + n;
            java.util.Arrays.fill(out, r0, r1, bias[o]);
            java.util.Arrays.fill(out, r1, r2, bias[o + 1]);
            java.util.Arrays.fill(out, r2, r3, bias[o + 2]);
            java.util.Arrays.fill(out, r3, r3 + n, bias[o + 3]);
            int w0 = o * kdim;
            for (int p = 0; p < kdim; p++) {
                double a0 = weight[w0 + p];
                double a1 = weight[w0 + kdim + p];
                double a2 = weight[w0 + 2 * kdim + p];
                double a3 = weight[w0 + 3 * kdim + p];
                int c = p * n;
                for (int j = 0; j < n; j++) {
                    double x = cols[c + j];
                    out[r0 + j] += a0 * x;
                    out[r1 + j] += a1 * x;
                    out[r2 + j] += a2 * x;
                    out[r3 + j] += a3 * x;
                }
            }
        }
        for (; o < rows; o++) {
            int r = o * n;
            java.util.Arrays.fill(out, r, r + n, bias[o]);
            for (int p = 0; p < kdim; p++) {
                double a = weight[o * kdim + p];
                int c = p * n;
                for (int j = 0; j < n; j++) {
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

    static void shortcutPad(double[] in, int channels, int h, int w, int stride, int padBefore, int outH, int outW,
                            double[] out, int outChannels) {
        java.util.Arrays.fill(out, 0, outChannels * outH * outW, 0.0);
        for (int c = 0; c < channels; c++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    out[((c + padBefore) * outH + oy) * outW + ox] = in[(c * h + oy * stride) * w + ox * stride];
                }
            }
        }
    }
}
