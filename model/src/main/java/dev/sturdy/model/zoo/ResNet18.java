package dev.sturdy.model.zoo;

import dev.sturdy.model.graph.Graph;
import dev.sturdy.model.graph.Shape;

/**
 * ResNet-18 for 32x32 inputs as in the common CIFAR code (kuangliu/pytorch-cifar): a 3x3 stem
 * without max-pool, four stages of two basic blocks (64, 128, 256, 512 channels; stride 2 from
 * stage 2 on), projection shortcuts (1x1 conv + BN, named shortcut.0 and shortcut.1) where the
 * shape changes, global average pooling, linear.
 */
public final class ResNet18 {

    private static final int BLOCKS_PER_STAGE = 2;

    private ResNet18() {
    }

    public static Graph build(int classes, StateDict w) {
        Graph.Builder g = Graph.builder(new Shape(3, 32, 32));
        int in = ZooLayers.stem(g, w, 64);
        for (int stage = 1; stage <= 4; stage++) {
            int planes = 64 << (stage - 1);
            for (int i = 0; i < BLOCKS_PER_STAGE; i++) {
                ZooLayers.basicBlock(g, w, "layer" + stage + "." + i, in, planes, stage > 1 && i == 0 ? 2 : 1,
                        ResNet18::projection);
                in = planes;
            }
        }
        ZooLayers.head(g, w, in, classes);
        return g.build();
    }

    /** Projection shortcut: 1x1 conv (stride) and batch norm, named shortcut.0 and shortcut.1. */
    private static String projection(Graph.Builder g, StateDict w, String p, String x, int in, int planes, int stride) {
        ZooLayers.conv(g, w, p + ".shortcut.0", in, planes, 1, stride, x);
        ZooLayers.bn(g, w, p + ".shortcut.1", planes);
        return g.last();
    }
}
