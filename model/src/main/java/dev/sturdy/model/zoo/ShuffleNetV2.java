package dev.sturdy.model.zoo;

import dev.sturdy.model.graph.ChannelShuffle;
import dev.sturdy.model.graph.ChannelSlice;
import dev.sturdy.model.graph.Concat;
import dev.sturdy.model.graph.Graph;
import dev.sturdy.model.graph.Relu;
import dev.sturdy.model.graph.Shape;

/**
 * ShuffleNetV2 (width 0.5) for 32x32 inputs as in the common CIFAR code (kuangliu/pytorch-cifar):
 * a 3x3 stem of 24 channels with stride 1, three stages (48, 96, 192 channels) of one down block
 * and 3, 7, 3 basic blocks, a 1x1 conv to 1024 channels, global average pooling and a linear
 * classifier. A basic block keeps the first half of its channels and transforms the second (1x1,
 * 3x3 depthwise, 1x1), a down block transforms the whole input on two branches with stride 2; both
 * concatenate and shuffle the channels in 2 groups. Layer names are the state_dict prefixes
 * (conv1, layer1.0.conv1, ..., conv2, bn2, linear).
 */
public final class ShuffleNetV2 {

    public static final int[] CHANNELS = {48, 96, 192};
    public static final int[] BASIC_BLOCKS = {3, 7, 3};
    public static final int STEM = 24;
    public static final int LAST = 1024;

    private ShuffleNetV2() {
    }

    public static Graph build(int classes, StateDict w) {
        Graph.Builder g = Graph.builder(new Shape(3, 32, 32));
        int in = ZooLayers.stem(g, w, STEM);
        for (int stage = 0; stage < CHANNELS.length; stage++) {
            String p = "layer" + (stage + 1) + ".";
            downBlock(g, w, p + "0", in, CHANNELS[stage]);
            for (int i = 1; i <= BASIC_BLOCKS[stage]; i++) {
                basicBlock(g, w, p + i, CHANNELS[stage]);
            }
            in = CHANNELS[stage];
        }
        ZooLayers.wideHead(g, w, in, LAST, classes);
        return g.build();
    }

    /** Half the channels through, the other half through 1x1-BN-ReLU, 3x3 depthwise-BN, 1x1-BN-ReLU. */
    private static void basicBlock(Graph.Builder g, StateDict w, String p, int channels) {
        String x = g.last();
        int half = channels / 2;
        g.add(p + ".x1", new ChannelSlice(0, half), x);
        g.add(p + ".x2", new ChannelSlice(half, channels - half), x);
        branch(g, w, p, 1, half, half, 1, p + ".x2");
        g.add(p + ".cat", new Concat(2), p + ".x1", g.last());
        g.then(p + ".shuffle", new ChannelShuffle(2));
    }

    /** Left: 3x3 depthwise (stride 2)-BN, 1x1-BN-ReLU; right: as a basic block's branch with stride 2. */
    private static void downBlock(Graph.Builder g, StateDict w, String p, int in, int out) {
        String x = g.last();
        int mid = out / 2;
        ZooLayers.conv(g, w, p + ".conv1", in, in, 3, 2, in, x);
        ZooLayers.bn(g, w, p + ".bn1", in);
        ZooLayers.conv(g, w, p + ".conv2", in, mid, 1, 1, g.last());
        ZooLayers.bn(g, w, p + ".bn2", mid);
        g.then(p + ".relu2", new Relu());
        String left = g.last();
        branch(g, w, p, 3, in, mid, 2, x);
        g.add(p + ".cat", new Concat(2), left, g.last());
        g.then(p + ".shuffle", new ChannelShuffle(2));
    }

    /** conv{k}(1x1)-BN-ReLU, conv{k+1}(3x3 depthwise, stride)-BN, conv{k+2}(1x1)-BN-ReLU, reading {@code from}. */
    private static void branch(Graph.Builder g, StateDict w, String p, int k, int in, int out, int stride, String from) {
        ZooLayers.conv(g, w, p + ".conv" + k, in, out, 1, 1, from);
        ZooLayers.bn(g, w, p + ".bn" + k, out);
        g.then(p + ".relu" + k, new Relu());
        ZooLayers.conv(g, w, p + ".conv" + (k + 1), out, out, 3, stride, out, g.last());
        ZooLayers.bn(g, w, p + ".bn" + (k + 1), out);
        ZooLayers.conv(g, w, p + ".conv" + (k + 2), out, out, 1, 1, g.last());
        ZooLayers.bn(g, w, p + ".bn" + (k + 2), out);
        g.then(p + ".relu" + (k + 2), new Relu());
    }
}
