package dev.sturdy.model.zoo;

import dev.sturdy.model.io.NamedArray;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/**
 * An independent forward pass of the CIFAR ResNet straight from a state_dict, written the way
 * PyTorch defines it (direct convolution loops, batch norm unfolded, F.pad shortcut), to check
 * the importer and the evaluator against.
 */
final class ReferenceResNet {

    private final Map<String, NamedArray> w;
    private final int n;

    ReferenceResNet(Map<String, NamedArray> stateDict, int depth) {
        this.w = stateDict;
        this.n = (depth - 2) / 6;
    }

    /** Logits for one normalised 3x32x32 input; relu is the activation (exact or approximate). */
    double[] logits(double[][][] x, DoubleUnaryOperator relu) {
        double[][][] h = map(bn(conv(x, "conv1.weight", 1), "bn1"), relu);
        int in = 16;
        for (int stage = 1; stage <= 3; stage++) {
            int planes = 16 << (stage - 1);
            for (int i = 0; i < n; i++) {
                int stride = stage > 1 && i == 0 ? 2 : 1;
                String p = "layer" + stage + "." + i;
                double[][][] out = map(bn(conv(h, p + ".conv1.weight", stride), p + ".bn1"), relu);
                out = bn(conv(out, p + ".conv2.weight", 1), p + ".bn2");
                double[][][] sc = stride != 1 || in != planes ? padShortcut(h, planes / 4) : h;
                for (int c = 0; c < out.length; c++) {
                    for (int y = 0; y < out[c].length; y++) {
                        for (int z = 0; z < out[c][y].length; z++) {
                            out[c][y][z] = relu.applyAsDouble(out[c][y][z] + sc[c][y][z]);
                        }
                    }
                }
                h = out;
                in = planes;
            }
        }
        double[] pooled = new double[h.length];
        for (int c = 0; c < h.length; c++) {
            double s = 0;
            for (double[] row : h[c]) {
                for (double v : row) {
                    s += v;
                }
            }
            pooled[c] = s / (h[c].length * h[c][0].length);
        }
        NamedArray lw = w.get("linear.weight");
        NamedArray lb = w.get("linear.bias");
        double[] logits = new double[lw.shape()[0]];
        for (int o = 0; o < logits.length; o++) {
            double s = lb.values()[o];
            for (int i = 0; i < pooled.length; i++) {
                s += lw.values()[o * pooled.length + i] * pooled[i];
            }
            logits[o] = s;
        }
        return logits;
    }

    private double[][][] conv(double[][][] x, String name, int stride) {
        NamedArray k = w.get(name);
        int out = k.shape()[0];
        int cin = k.shape()[1];
        int hin = x[0].length;
        int hout = (hin + 2 - 3) / stride + 1;
        double[][][] y = new double[out][hout][hout];
        for (int o = 0; o < out; o++) {
            for (int oy = 0; oy < hout; oy++) {
                for (int ox = 0; ox < hout; ox++) {
                    double s = 0;
                    for (int c = 0; c < cin; c++) {
                        for (int ky = 0; ky < 3; ky++) {
                            for (int kx = 0; kx < 3; kx++) {
                                int iy = oy * stride + ky - 1;
                                int ix = ox * stride + kx - 1;
                                if (iy >= 0 && iy < hin && ix >= 0 && ix < hin) {
                                    s += k.values()[((o * cin + c) * 3 + ky) * 3 + kx] * x[c][iy][ix];
                                }
                            }
                        }
                    }
                    y[o][oy][ox] = s;
                }
            }
        }
        return y;
    }

    private double[][][] bn(double[][][] x, String name) {
        float[] g = w.get(name + ".weight").values();
        float[] b = w.get(name + ".bias").values();
        float[] m = w.get(name + ".running_mean").values();
        float[] v = w.get(name + ".running_var").values();
        for (int c = 0; c < x.length; c++) {
            for (double[] row : x[c]) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = (row[i] - m[c]) / Math.sqrt(v[c] + 1e-5) * g[c] + b[c];
                }
            }
        }
        return x;
    }

    private static double[][][] map(double[][][] x, DoubleUnaryOperator f) {
        for (double[][] plane : x) {
            for (double[] row : plane) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = f.applyAsDouble(row[i]);
                }
            }
        }
        return x;
    }

    /** x[:, ::2, ::2] with pad zero channels on each side. */
    private static double[][][] padShortcut(double[][][] x, int pad) {
        int h = (x[0].length + 1) / 2;
        double[][][] y = new double[x.length + 2 * pad][h][h];
        for (int c = 0; c < x.length; c++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < h; j++) {
                    y[c + pad][i][j] = x[c][2 * i][2 * j];
                }
            }
        }
        return y;
    }

    /** A random but well-scaled state_dict for a CIFAR ResNet of this depth (He-style init, varied BN stats). */
    static Map<String, NamedArray> randomStateDict(int depth, int classes, long seed) {
        Random r = new Random(seed);
        Map<String, NamedArray> sd = new HashMap<>();
        conv(sd, r, "conv1.weight", 16, 3);
        bn(sd, r, "bn1", 16, 1.0);
        int in = 16;
        int blocks = (depth - 2) / 6;
        for (int stage = 1; stage <= 3; stage++) {
            int planes = 16 << (stage - 1);
            for (int i = 0; i < blocks; i++) {
                String p = "layer" + stage + "." + i;
                conv(sd, r, p + ".conv1.weight", planes, in);
                bn(sd, r, p + ".bn1", planes, 1.0);
                conv(sd, r, p + ".conv2.weight", planes, planes);
                // Small last gammas keep the residual sum from growing with depth (as trained nets do):
                // 0.2 for ResNet-20's 3 blocks a stage, scaled by 1/sqrt(blocks) beyond.
                bn(sd, r, p + ".bn2", planes, 0.2 * Math.sqrt(3.0 / Math.max(3, blocks)));
                in = planes;
            }
        }
        put(sd, "linear.weight", gaussian(r, classes * 64, Math.sqrt(1.0 / 64)), classes, 64);
        put(sd, "linear.bias", gaussian(r, classes, 0.1), classes);
        return sd;
    }

    private static void conv(Map<String, NamedArray> sd, Random r, String name, int out, int in) {
        put(sd, name, gaussian(r, out * in * 9, Math.sqrt(2.0 / (in * 9))), out, in, 3, 3);
    }

    private static void bn(Map<String, NamedArray> sd, Random r, String name, int c, double gammaScale) {
        float[] g = new float[c];
        float[] b = new float[c];
        float[] m = new float[c];
        float[] v = new float[c];
        for (int i = 0; i < c; i++) {
            g[i] = (float) (gammaScale * (0.5 + r.nextDouble()));
            b[i] = (float) (0.2 * r.nextGaussian());
            m[i] = (float) (0.3 * r.nextGaussian());
            v[i] = (float) (0.5 + r.nextDouble());
        }
        put(sd, name + ".weight", g, c);
        put(sd, name + ".bias", b, c);
        put(sd, name + ".running_mean", m, c);
        put(sd, name + ".running_var", v, c);
    }

    private static float[] gaussian(Random r, int n, double std) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (std * r.nextGaussian());
        }
        return a;
    }

    private static void put(Map<String, NamedArray> sd, String name, float[] values, int... shape) {
        sd.put(name, new NamedArray(name, shape, values));
    }
}
