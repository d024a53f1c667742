package dev.sturdy.model.zoo;

import dev.sturdy.model.graph.Graph;
import dev.sturdy.model.graph.ModelException;
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
        int in = ZooLayers.stem(g, w, 16);
        for (int stage = 1; stage <= 3; stage++) {
            int planes = 16 << (stage - 1);
            for (int i = 0; i < n; i++) {
                int stride = stage > 1 && i == 0 ? 2 : 1;
                ZooLayers.basicBlock(g, w, "layer" + stage + "." + i, in, planes, stride, CifarResNet::optionA);
                in = planes;
            }
        }
        ZooLayers.head(g, w, in, classes);
        return g.build();
    }

    /** Option A: x[:, ::stride, ::stride] with zero channels padded on both sides. */
    private static String optionA(Graph.Builder g, StateDict w, String p, String x, int in, int planes, int stride) {
        int pad = (planes - in) / 2;
        g.add(p + ".shortcut", new ShortcutPad(stride, pad, planes - in - pad), x);
        return p + ".shortcut";
    }
}
