package dev.sturdy.model.zoo;

import dev.sturdy.model.graph.Add;
import dev.sturdy.model.graph.Graph;
import dev.sturdy.model.graph.Relu;
import dev.sturdy.model.graph.Shape;

/**
 * MobileNetV2 for 32x32 inputs as in the common CIFAR code (kuangliu/pytorch-cifar, the variant the
 * paper's CIFAR tables use): a 3x3 stem of 32 channels with stride 1, seventeen inverted residual
 * blocks (1x1 expansion, 3x3 depthwise, 1x1 projection; ReLU after the first two; the input added
 * back where the stride is 1, through a 1x1 conv + BN named shortcut.0 and shortcut.1 where the
 * channels change), a 1x1 conv to 1280 channels, global average pooling and a linear classifier.
 * Layer names are the state_dict prefixes (conv1, bn1, layers.0.conv1, ..., conv2, bn2, linear).
 */
public final class MobileNetV2 {

    /** (expansion, output channels, blocks, stride of the first block), stage by stage. */
    public static final int[][] STAGES = {{1, 16, 1, 1}, {6, 24, 2, 1}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1},
        {6, 160, 3, 2}, {6, 320, 1, 1}};
    public static final int STEM = 32;
    public static final int LAST = 1280;

    private MobileNetV2() {
    }

    public static Graph build(int classes, StateDict w) {
        Graph.Builder g = Graph.builder(new Shape(3, 32, 32));
        int in = ZooLayers.stem(g, w, STEM);
        int block = 0;
        for (int[] stage : STAGES) {
            for (int i = 0; i < stage[2]; i++) {
                invertedResidual(g, w, "layers." + block++, in, stage[1], stage[0], i == 0 ? stage[3] : 1);
                in = stage[1];
            }
        }
        ZooLayers.wideHead(g, w, in, LAST, classes);
        return g.build();
    }

    private static void invertedResidual(Graph.Builder g, StateDict w, String p, int in, int out, int expansion,
                                         int stride) {
        String x = g.last();
        int planes = expansion * in;
        ZooLayers.conv(g, w, p + ".conv1", in, planes, 1, 1, x);
        ZooLayers.bn(g, w, p + ".bn1", planes);
        g.then(p + ".relu1", new Relu());
        ZooLayers.conv(g, w, p + ".conv2", planes, planes, 3, stride, planes, g.last());
        ZooLayers.bn(g, w, p + ".bn2", planes);
        g.then(p + ".relu2", new Relu());
        ZooLayers.conv(g, w, p + ".conv3", planes, out, 1, 1, g.last());
        ZooLayers.bn(g, w, p + ".bn3", out);
        if (stride == 1) {
            String body = g.last();
            String identity = x;
            if (in != out) {
                ZooLayers.conv(g, w, p + ".shortcut.0", in, out, 1, 1, x);
                ZooLayers.bn(g, w, p + ".shortcut.1", out);
                identity = g.last();
            }
            g.add(p + ".add", new Add(), body, identity);
        }
    }
}
