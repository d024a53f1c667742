package dev.sturdy.model.zoo;

import dev.sturdy.model.graph.Add;
import dev.sturdy.model.graph.AvgPool;
import dev.sturdy.model.graph.BatchNorm;
import dev.sturdy.model.graph.Conv2d;
import dev.sturdy.model.graph.Flatten;
import dev.sturdy.model.graph.Graph;
import dev.sturdy.model.graph.Linear;
import dev.sturdy.model.graph.Relu;
import dev.sturdy.model.graph.Shape;

/**
 * ResNet-18 for 32x32 inputs as in the common CIFAR code (kuangliu/pytorch-cifar): a 3x3 stem
 * without max-pool, four stages of two basic blocks (64, 128, 256, 512 channels; stride 2 from
 * stage 2 on), projection shortcuts (1x1 conv + BN, named shortcut.0 and shortcut.1) where the
 * shape changes, global average pooling, linear.
 */
public final class ResNet18 {

    private static final double BN_EPS = 1e-5;
    private static final int BLOCKS_PER_STAGE = 2;

    private ResNet18() {
    }

    public static Graph build(int classes, StateDict w) {
        Graph.Builder g = Graph.builder(new Shape(3, 32, 32));
        conv(g, w, "conv1", 3, 64, 3, 1, "input");
        bn(g, w, "bn1", 64);
        g.then("relu", new Relu());
        int in = 64;
        for (int stage = 1; stage <= 4; stage++) {
            int planes = 64 << (stage - 1);
            for (int i = 0; i < BLOCKS_PER_STAGE; i++) {
                basicBlock(g, w, "layer" + stage + "." + i, in, planes, stage > 1 && i == 0 ? 2 : 1);
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
        conv(g, w, p + ".conv1", in, planes, 3, stride, x);
        bn(g, w, p + ".bn1", planes);
        g.then(p + ".relu1", new Relu());
        conv(g, w, p + ".conv2", planes, planes, 3, 1, g.last());
        bn(g, w, p + ".bn2", planes);
        String residual = g.last();
        String shortcut = x;
        if (stride != 1 || in != planes) {
            conv(g, w, p + ".shortcut.0", in, planes, 1, stride, x);
            bn(g, w, p + ".shortcut.1", planes);
            shortcut = g.last();
        }
        g.add(p + ".add", new Add(), residual, shortcut);
        g.then(p + ".relu2", new Relu());
    }

    private static void conv(Graph.Builder g, StateDict w, String name, int in, int out, int kernel, int stride, String from) {
        g.add(name, new Conv2d(out, in, kernel, stride, kernel / 2, w.get(name + ".weight", out, in, kernel, kernel), null), from);
    }

    private static void bn(Graph.Builder g, StateDict w, String name, int c) {
        g.then(name, new BatchNorm(w.get(name + ".weight", c), w.get(name + ".bias", c),
                w.get(name + ".running_mean", c), w.get(name + ".running_var", c), BN_EPS));
    }
}
