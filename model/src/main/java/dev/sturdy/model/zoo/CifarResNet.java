package dev.sturdy.model.zoo;

import dev.sturdy.model.graph.Add;
import dev.sturdy.model.graph.AvgPool;
import dev.sturdy.model.graph.BatchNorm;
import dev.sturdy.model.graph.Conv2d;
import dev.sturdy.model.graph.Flatten;
import dev.sturdy.model.graph.Graph;
import dev.sturdy.model.graph.Linear;
import dev.sturdy.model.graph.ModelException;
import dev.sturdy.model.graph.Relu;
import dev.sturdy.model.graph.Shape;
import dev.sturdy.model.graph.ShortcutPad;

/**
 * The CIFAR ResNets of He et al. (depth 6n + 2: 20, 32, 44, 56, 110) with "option A" shortcuts:
 * conv3x3(16)-BN-ReLU, three stages of n basic blocks with 16, 32, 64 channels (the first block of
 * stages 2 and 3 has stride 2), global average pooling and a linear classifier. Layer names are
 * the PyTorch state_dict prefixes (conv1, bn1, layer1.0.conv1, ..., linear), so imported and
 * trained weights are interchangeable.
 */
public final class CifarResNet {

    private static final double BN_EPS = 1e-5;

    private CifarResNet() {
    }

    /** Blocks per stage for a depth, or an error naming the supported depths. */
    public static int blocksPerStage(int depth) {
        if (depth < 8 || (depth - 2) % 6 != 0) {
            throw new ModelException("CIFAR ResNet depth must be 6n+2 (20, 32, 44, 56, 110), got " + depth);
        }
        return (depth - 2) / 6;
    }

    public static Graph build(int depth, int classes, StateDict w) {
        int n = blocksPerStage(depth);
        Graph.Builder g = Graph.builder(new Shape(3, 32, 32));
        conv(g, w, "conv1", 3, 16, 1, "input");
        bn(g, w, "bn1", 16);
        g.then("relu", new Relu());
        int in = 16;
        for (int stage = 1; stage <= 3; stage++) {
            int planes = 16 << (stage - 1);
            for (int i = 0; i < n; i++) {
                int stride = stage > 1 && i == 0 ? 2 : 1;
                basicBlock(g, w, "layer" + stage + "." + i, in, planes, stride);
                in = planes;
            }
        }
        g.then("avgpool", AvgPool.global());
        g.then("flatten", new Flatten());
        g.then("linear", new Linear(classes, in, w.get("linear.weight", classes, in), w.get("linear.bias", classes)));
        return g.build();
    }

    private static void basicBlock(Graph.Builder g, StateDict w, String p, int in, int planes, int stride) {
        String x = g.last();
        conv(g, w, p + ".conv1", in, planes, stride, x);
        bn(g, w, p + ".bn1", planes);
        g.then(p + ".relu1", new Relu());
        conv(g, w, p + ".conv2", planes, planes, 1, g.last());
        bn(g, w, p + ".bn2", planes);
        String residual = g.last();
        String shortcut = x;
        if (stride != 1 || in != planes) {
            int pad = (planes - in) / 2;
            g.add(p + ".shortcut", new ShortcutPad(stride, pad, planes - in - pad), x);
            shortcut = p + ".shortcut";
        }
        g.add(p + ".add", new Add(), residual, shortcut);
        g.then(p + ".relu2", new Relu());
    }

    private static void conv(Graph.Builder g, StateDict w, String name, int in, int out, int stride, String from) {
        g.add(name, new Conv2d(out, in, 3, stride, 1, w.get(name + ".weight", out, in, 3, 3), null), from);
    }

    private static void bn(Graph.Builder g, StateDict w, String name, int c) {
        g.then(name, new BatchNorm(w.get(name + ".weight", c), w.get(name + ".bias", c),
                w.get(name + ".running_mean", c), w.get(name + ".running_var", c), BN_EPS));
    }
}
