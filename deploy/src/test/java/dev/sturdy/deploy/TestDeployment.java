package dev.sturdy.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sturdy.deploy.DeploymentWriter;
import dev.sturdy.deploy.FreePorts;
import dev.sturdy.model.Model;
import dev.sturdy.model.fixed.FixedPointPolicy;
import dev.sturdy.model.graph.Shape;
import dev.sturdy.party.client.PlainReference;
import dev.sturdy.party.compute.ModelShareFile;
import dev.sturdy.party.samples.DemoModel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** A deployment on loopback written to a directory: certificates, configs and a random CNN's shares (tiny by default). */
final class TestDeployment {
    static final int B = 9;
    static final int F = FixedPointPolicy.activationBitsFor(B);
    /** Fixed-point error of f bits through the layers and the composite sign. */
    static final double TOLERANCE = 0.02;

    final int parties;
    final Path dir;
    final List<Path> configs;
    final DeploymentWriter.Layout layout;
    final Model model;
    final PlainReference plain;

    TestDeployment(int parties, Path dir, Duration receiveTimeout) throws IOException {
        this(parties, dir, receiveTimeout, new Shape(3, 4, 4), 4);
    }

    /** A random CNN on inputs of shape {@code input}, queries of up to {@code maxBatch} inputs. */
    TestDeployment(int parties, Path dir, Duration receiveTimeout, Shape input, int maxBatch) throws IOException {
        this(parties, dir, receiveTimeout, DemoModel.untrained(input, 4, 7), maxBatch);
    }

    /** {@code model} deployed for queries of up to {@code maxBatch} inputs. */
    TestDeployment(int parties, Path dir, Duration receiveTimeout, Model model, int maxBatch) throws IOException {
        this.parties = parties;
        this.dir = dir;
        this.model = model;
        this.plain = new PlainReference(model, B);
        int base = FreePorts.range(2 * (parties + 1));
        layout = new DeploymentWriter.Layout(parties, List.of("127.0.0.1"), base, base + parties + 1, B, F, maxBatch,
                receiveTimeout, Duration.ofSeconds(30));
        configs = DeploymentWriter.write(layout, dir, new SecureRandom());
        ModelShareFile.writeSplit(model, parties, B, F, dir, new SecureRandom());
    }

    List<InetSocketAddress> grpcAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (int p = 0; p < parties; p++) {
            out.add(new InetSocketAddress("127.0.0.1", layout.grpcBasePort() + p));
        }
        return out;
    }

    /** A normalised input batch with values in [-2, 2]. */
    double[] randomInput(int batch, long seed) {
        Random r = new Random(seed);
        double[] x = new double[batch * model.graph().input().size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble() * 4 - 2;
        }
        return x;
    }

    /** Secure logits within the tolerance of the plaintext PANN's, and the same class where the top two differ by more. */
    void assertAgrees(double[] x, int batch, double[] secure) {
        double[] want = plain.logits(x, batch);
        assertEquals(want.length, secure.length);
        int classes = model.numClasses();
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], secure[i], TOLERANCE, "logit " + i);
        }
        for (int b = 0; b < batch; b++) {
            double[] sorted = Arrays.copyOfRange(want, b * classes, (b + 1) * classes);
            Arrays.sort(sorted);
            if (sorted[classes - 1] - sorted[classes - 2] > 2 * TOLERANCE) {
                assertEquals(PlainReference.argmax(want, b * classes, classes),
                        PlainReference.argmax(secure, b * classes, classes), "class of image " + b);
            }
        }
    }
}
