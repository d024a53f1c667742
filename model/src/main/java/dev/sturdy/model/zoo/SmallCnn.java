package dev.sturdy.model.zoo;

import dev.sturdy.model.graph.AvgPool;
import dev.sturdy.model.graph.Flatten;
import dev.sturdy.model.graph.Graph;
import dev.sturdy.model.graph.Linear;
import dev.sturdy.model.graph.Relu;
import dev.sturdy.model.graph.Shape;

/**
 * A small all-convolutional network for 28x28 grey images (Fashion-MNIST, MNIST), cheap under
 * MPC: conv3x3(16)-BN-ReLU, conv3x3(32, stride 2)-BN-ReLU, conv3x3(64, stride 2)-BN-ReLU, global
 * average pooling, linear. No max-pool, so every non-linearity is an AppReLU. Layer names are
 * conv1..conv3, bn1..bn3, relu1..relu3, linear, as in the PyTorch module the trainer mirrors.
 */
public final class SmallCnn {

    /** Output channels of conv1, conv2, conv3. */
    public static final int[] WIDTHS = {16, 32, 64};
    /** Stride of conv1, conv2, conv3 (all 3x3 with padding 1). */
    public static final int[] STRIDES = {1, 2, 2};

    private SmallCnn() {
    }

    /** The graph for inputs of this shape (any size the two stride-2 convolutions fit). */
    public static Graph build(Shape input, int classes, StateDict w) {
        Graph.Builder g = Graph.builder(input);
        int in = input.channels();
        for (int i = 0; i < WIDTHS.length; i++) {
            int out = WIDTHS[i];
            String conv = "conv" + (i + 1);
            String bn = "bn" + (i + 1);
            ZooLayers.conv(g, w, conv, in, out, 3, STRIDES[i], g.last());
            ZooLayers.bn(g, w, bn, out);
            g.then("relu" + (i + 1), new Relu());
            in = out;
        }
        g.then("avgpool", AvgPool.global());
        g.then("flatten", new Flatten());
        g.then("linear", new Linear(classes, in, w.get("linear.weight", classes, in), w.get("linear.bias", classes)));
        return g.build();
    }
}
