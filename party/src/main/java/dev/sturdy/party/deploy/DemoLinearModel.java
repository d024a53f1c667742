package dev.sturdy.party.deploy;

import dev.sturdy.party.compute.LinearModelShare;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;

/**
 * A random linear classifier (the stand-in model until the secure graph evaluator is merged), as
 * the model owner: it keeps the plaintext weights, writes one share per party into a deployment,
 * and computes the exact fixed-point answer with plain integer arithmetic, independent of the
 * protocol, for checking the secure result (which may differ by one ulp: probabilistic truncation).
 */
public final class DemoLinearModel {
    private final int[] inputShape;
    private final int fractionalBits;
    private final double[][] w;
    private final double[] b;

    public DemoLinearModel(int[] inputShape, int classes, int fractionalBits, long seed) {
        this.inputShape = inputShape.clone();
        this.fractionalBits = fractionalBits;
        int in = Arrays.stream(inputShape).reduce(1, (x, y) -> x * y);
        Random r = new Random(seed);
        w = new double[in][classes];
        b = new double[classes];
        for (double[] row : w) {
            for (int c = 0; c < classes; c++) {
                row[c] = r.nextDouble() * 2 - 1;
            }
        }
        for (int c = 0; c < classes; c++) {
            b[c] = r.nextDouble() * 4 - 2;
        }
    }

    public int inputs() {
        return w.length;
    }

    public int classes() {
        return b.length;
    }

    /** Writes party p's share to {@code <role dir>/model.share} for every party of the deployment in {@code dir}. */
    public void writeShares(Path dir, int parties, SecureRandom random) throws IOException {
        LinearModelShare[] shares = LinearModelShare.split(w, b, inputShape, fractionalBits, parties, random);
        for (int p = 0; p < parties; p++) {
            shares[p].save(DeploymentWriter.roleDir(dir, p, parties).resolve(DeploymentWriter.MODEL_SHARE));
        }
    }

    /** floor(sum_i x_enc * w_enc / 2^f) + b_enc per sample and class, decoded. */
    public double[] expected(double[] x, int batch) {
        long one = 1L << fractionalBits;
        int in = inputs(), classes = classes();
        double[] out = new double[batch * classes];
        for (int s = 0; s < batch; s++) {
            for (int c = 0; c < classes; c++) {
                long acc = 0;
                for (int i = 0; i < in; i++) {
                    acc += Math.round(x[s * in + i] * one) * Math.round(w[i][c] * one);
                }
                out[s * classes + c] = ((acc >> fractionalBits) + Math.round(b[c] * one)) / (double) one;
            }
        }
        return out;
    }

    /** A random input batch with values in [-3, 3]. */
    public double[] randomInput(int batch, long seed) {
        Random r = new Random(seed);
        double[] x = new double[batch * inputs()];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble() * 6 - 3;
        }
        return x;
    }
}
