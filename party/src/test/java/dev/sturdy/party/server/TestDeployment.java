package dev.sturdy.party.server;

import dev.sturdy.party.compute.LinearModelShare;
import dev.sturdy.party.config.DeploymentWriter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A deployment on loopback written to a directory: certificates, configs and a random linear model's shares. */
final class TestDeployment {
    static final int[] INPUT_SHAPE = {3, 2, 2};
    static final int CLASSES = 4;
    static final int F = 16;

    final int parties;
    final Path dir;
    final List<Path> configs;
    final DeploymentWriter.Layout layout;
    final double[][] w;
    final double[] b;

    TestDeployment(int parties, Path dir, Duration receiveTimeout) throws IOException {
        this.parties = parties;
        this.dir = dir;
        int base = freeRange(2 * (parties + 1));
        layout = new DeploymentWriter.Layout(parties, List.of("127.0.0.1"), base, base + parties + 1, 9, F, 4,
                receiveTimeout, Duration.ofSeconds(30));
        configs = DeploymentWriter.write(layout, dir, new SecureRandom());
        Random r = new Random(parties);
        int in = 12;
        w = new double[in][CLASSES];
        b = new double[CLASSES];
        for (int i = 0; i < in; i++) {
            for (int c = 0; c < CLASSES; c++) {
                w[i][c] = r.nextDouble() * 2 - 1;
            }
        }
        for (int c = 0; c < CLASSES; c++) {
            b[c] = r.nextDouble() * 4 - 2;
        }
        LinearModelShare[] shares = LinearModelShare.split(w, b, INPUT_SHAPE, F, parties, new SecureRandom());
        for (int p = 0; p < parties; p++) {
            shares[p].save(DeploymentWriter.roleDir(dir, p, parties).resolve(DeploymentWriter.MODEL_SHARE));
        }
    }

    List<InetSocketAddress> grpcAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (int p = 0; p < parties; p++) {
            out.add(new InetSocketAddress("127.0.0.1", layout.grpcBasePort() + p));
        }
        return out;
    }

    /**
     * The exact fixed-point answer, computed here without the protocol: floor(sum x_enc * w_enc / 2^f)
     * + b_enc in 64-bit integers, decoded. The secure result may differ by one ulp (probabilistic truncation).
     */
    double[] expected(double[] x, int batch) {
        int in = w.length;
        double[] out = new double[batch * CLASSES];
        for (int s = 0; s < batch; s++) {
            for (int c = 0; c < CLASSES; c++) {
                long acc = 0;
                for (int i = 0; i < in; i++) {
                    acc += Math.round(x[s * in + i] * (1 << F)) * Math.round(w[i][c] * (1 << F));
                }
                out[s * CLASSES + c] = ((acc >> F) + Math.round(b[c] * (1 << F))) / (double) (1 << F);
            }
        }
        return out;
    }

    private static int freeRange(int n) throws IOException {
        Random r = new Random();
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20_000 + r.nextInt(30_000);
            if (allFree(base, n)) {
                return base;
            }
        }
        throw new IOException("no free port range on loopback");
    }

    private static boolean allFree(int base, int n) {
        for (int p = base; p < base + n; p++) {
            try (ServerSocket s = new ServerSocket(p)) {
                s.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
