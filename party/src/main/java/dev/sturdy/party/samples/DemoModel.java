package dev.sturdy.party.samples;

import dev.sturdy.model.Model;
import dev.sturdy.model.Normalization;
import dev.sturdy.model.PannSettings;
import dev.sturdy.model.file.ModelFiles;
import dev.sturdy.model.graph.AvgPool;
import dev.sturdy.model.graph.BatchNorm;
import dev.sturdy.model.graph.Conv2d;
import dev.sturdy.model.graph.Flatten;
import dev.sturdy.model.graph.Graph;
import dev.sturdy.model.graph.Linear;
import dev.sturdy.model.graph.MaxPool;
import dev.sturdy.model.graph.Relu;
import dev.sturdy.model.graph.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The demo's models: the trained default model (Fashion-MNIST small CNN) shipped as a resource
 * when the build has one, otherwise a small CNN with fixed-seed random weights (untrained: its
 * classes mean nothing, but secure and plaintext runs must still agree); and the sturdy CIFAR-10
 * ResNet-20 our trainer made ({@link #CIFAR10_RESOURCE}, sidecar beside it).
 */
public final class DemoModel {
    public static final String RESOURCE = "/dev/sturdy/party/default.model";
    public static final String CIFAR10_RESOURCE = "/dev/sturdy/party/resnet20-cifar10-sturdy.model";
    public static final String UNTRAINED = "untrained-demo-cnn";

    private DemoModel() {
    }

    /** The shipped default model, or the untrained 1x28x28 -> 10 stand-in. */
    public static Model load() throws IOException {
        try (InputStream in = DemoModel.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                return ModelFiles.read(in);
            }
        }
        return untrained(new Shape(1, 28, 28), 10, 2024);
    }

    /** The shipped sturdy CIFAR-10 ResNet-20. */
    public static Model cifar10() throws IOException {
        try (InputStream in = DemoModel.class.getResourceAsStream(CIFAR10_RESOURCE)) {
            if (in == null) {
                throw new IOException("this build has no CIFAR-10 model (resource " + CIFAR10_RESOURCE + ")");
            }
            return ModelFiles.read(in);
        }
    }

    /**
     * conv 3x3 (4, stride 2 if the input is larger than 8) + batch norm, ReLU, 2x2 max-pool,
     * conv 3x3 (8), ReLU, global average pool, linear to {@code classes}; weights from {@code seed}.
     */
    public static Model untrained(Shape input, int classes, long seed) {
        Random r = new Random(seed);
        int c = input.channels();
        int stride = input.height() > 8 ? 2 : 1;
        Graph g = Graph.builder(input)
                .then("conv1", new Conv2d(4, c, 3, stride, 1, gaussian(r, 4 * c * 9, 0.5), null))
                .then("bn1", batchNorm(r, 4))
                .then("relu1", new Relu())
                .then("pool1", new MaxPool(2, 2))
                .then("conv2", new Conv2d(8, 4, 3, 1, 1, gaussian(r, 8 * 4 * 9, 0.3), gaussian(r, 8, 0.1)))
                .then("relu2", new Relu())
                .then("pool2", AvgPool.global())
                .then("flatten", new Flatten())
                .then("linear", new Linear(classes, 8, gaussian(r, classes * 8, 0.5), gaussian(r, classes, 0.1)))
                .build();
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            names.add("class-" + k);
        }
        double[] mean = new double[c], std = new double[c];
        Arrays.fill(mean, 0.5);
        Arrays.fill(std, 0.25);
        return new Model(UNTRAINED, "demo-cnn", g, names, new Normalization(mean, std), new PannSettings(50, 9),
                Map.of("note", "untrained demonstration model: fixed-seed random weights"));
    }

    private static BatchNorm batchNorm(Random r, int c) {
        float[] gamma = new float[c], beta = new float[c], mean = new float[c], var = new float[c];
        for (int i = 0; i < c; i++) {
            gamma[i] = (float) (0.5 + r.nextDouble());
            beta[i] = (float) (0.2 * r.nextGaussian());
            mean[i] = (float) (0.3 * r.nextGaussian());
            var[i] = (float) (0.5 + r.nextDouble());
        }
        return new BatchNorm(gamma, beta, mean, var, 1e-5);
    }

    private static float[] gaussian(Random r, int n, double std) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (std * r.nextGaussian());
        }
        return a;
    }
}
