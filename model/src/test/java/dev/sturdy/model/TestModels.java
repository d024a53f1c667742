package dev.sturdy.model;

import dev.sturdy.model.graph.Add;
import dev.sturdy.model.graph.AvgPool;
import dev.sturdy.model.graph.BatchNorm;
import dev.sturdy.model.graph.ChannelShuffle;
import dev.sturdy.model.graph.ChannelSlice;
import dev.sturdy.model.graph.ClippedRelu;
import dev.sturdy.model.graph.Concat;
import dev.sturdy.model.graph.Conv2d;
import dev.sturdy.model.graph.Flatten;
import dev.sturdy.model.graph.Graph;
import dev.sturdy.model.graph.Linear;
import dev.sturdy.model.graph.MaxPool;
import dev.sturdy.model.graph.Relu;
import dev.sturdy.model.graph.Shape;
import dev.sturdy.model.graph.ShortcutPad;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small models with every layer kind, random weights, for tests. */
public final class TestModels {

    private TestModels() {
    }

    /**
     * 2x8x8 input: batch norm on the input, conv3x3(4)+bias, ReLU, a residual branch with a strided
     * conv and the option-A shortcut, max-pool, average pool, flatten, linear(→3).
     */
    public static Model everyLayerKind(long seed) {
        Random r = new Random(seed);
        Graph g = Graph.builder(new Shape(2, 8, 8))
                .then("bn0", batchNorm(r, 2))
                .then("conv1", new Conv2d(4, 2, 3, 1, 1, gaussian(r, 4 * 2 * 9, 0.5), gaussian(r, 4, 0.2)))
                .then("relu1", new Relu())
                .then("conv2", new Conv2d(8, 4, 3, 2, 1, gaussian(r, 8 * 4 * 9, 0.4), null))
                .then("bn2", batchNorm(r, 8))
                .add("shortcut", new ShortcutPad(2, 2, 2), "relu1")
                .add("add", new Add(), "bn2", "shortcut")
                .then("relu2", new Relu())
                .then("maxpool", new MaxPool(2, 2))
                .then("avgpool", new AvgPool(2, 2))
                .then("flatten", new Flatten())
                .then("linear", new Linear(3, 8, gaussian(r, 24, 0.5), gaussian(r, 3, 0.1)))
                .build();
        return new Model("every-layer", "test", g, List.of("a", "b", "c"),
                new Normalization(new double[] {0.5, 0.4}, new double[] {0.25, 0.2}), new PannSettings(50, 0),
                Map.of("purpose", "test"));
    }

    /** Every layer kind only format version 2 holds: grouped and depthwise conv, ReLU6, slices, concat, shuffle, padded max-pool. */
    public static Model versionTwoLayers(long seed) {
        Random r = new Random(seed);
        Graph g = Graph.builder(new Shape(4, 8, 8))
                .then("grouped", new Conv2d(8, 4, 3, 1, 2, 2, 2, gaussian(r, 8 * 2 * 9, 0.6), gaussian(r, 8, 0.2)))
                .then("relu6", new ClippedRelu(6))
                .then("depthwise", new Conv2d(8, 8, 3, 1, 1, 8, 1, gaussian(r, 8 * 9, 0.6), null))
                .then("bn", batchNorm(r, 8))
                .then("relu", new Relu())
                .add("low", new ChannelSlice(0, 4), "relu")
                .add("high", new ChannelSlice(4, 4), "relu6")
                .add("concat", new Concat(2), "low", "high")
                .then("shuffle", new ChannelShuffle(2))
                .then("maxpool", new MaxPool(3, 2, 1))
                .then("avgpool", AvgPool.global())
                .then("flatten", new Flatten())
                .then("linear", new Linear(3, 8, gaussian(r, 24, 0.5), gaussian(r, 3, 0.1)))
                .build();
        return new Model("version-two", "test", g, List.of("a", "b", "c"),
                new Normalization(new double[] {0.5, 0.4, 0.3, 0.2}, new double[] {0.25, 0.2, 0.2, 0.25}),
                new PannSettings(20, 0), Map.of("purpose", "test"));
    }

    static BatchNorm batchNorm(Random r, int c) {
        float[] g = new float[c];
        float[] b = new float[c];
        float[] m = new float[c];
        float[] v = new float[c];
        for (int i = 0; i < c; i++) {
            g[i] = (float) (0.5 + r.nextDouble());
            b[i] = (float) (0.2 * r.nextGaussian());
            m[i] = (float) (0.3 * r.nextGaussian());
            v[i] = (float) (0.5 + r.nextDouble());
        }
        return new BatchNorm(g, b, m, v, 1e-5);
    }

    public static float[] gaussian(Random r, int n, double std) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (std * r.nextGaussian());
        }
        return a;
    }
}
