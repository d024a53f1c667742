package dev.sturdy.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import dev.sturdy.model.zoo.MobileNetV2;
import dev.sturdy.model.zoo.ShuffleNetV2;
import java.util.List;

/**
 * The zoo's mobile networks on DJL, mirroring dev.sturdy.model.zoo.MobileNetV2 and ShuffleNetV2
 * layer for layer and name for name.
 */
final class ZooMobile {

    private ZooMobile() {
    }

    static Block mobileNetV2(NamedLayers l, int classes) {
        SequentialBlock net = new SequentialBlock()
                .add(l.conv("conv1", MobileNetV2.STEM, 3, 1)).add(l.batchNorm("bn1")).add(l.relu());
        int in = MobileNetV2.STEM;
        int block = 0;
        for (int[] stage : MobileNetV2.STAGES) {
            for (int i = 0; i < stage[2]; i++) {
                net.add(invertedResidual(l, "layers." + block++, in, stage[1], stage[0], i == 0 ? stage[3] : 1));
                in = stage[1];
            }
        }
        net.add(l.conv("conv2", MobileNetV2.LAST, 1, 1)).add(l.batchNorm("bn2")).add(l.relu());
        return Zoo.head(net, l, classes);
    }

    private static Block invertedResidual(NamedLayers l, String p, int in, int out, int expansion, int stride) {
        int planes = expansion * in;
        SequentialBlock body = new SequentialBlock()
                .add(l.conv(p + ".conv1", planes, 1, 1)).add(l.batchNorm(p + ".bn1")).add(l.relu())
                .add(l.conv(p + ".conv2", planes, 3, stride, planes)).add(l.batchNorm(p + ".bn2")).add(l.relu())
                .add(l.conv(p + ".conv3", out, 1, 1)).add(l.batchNorm(p + ".bn3"));
        if (stride != 1) {
            return body;
        }
        Block shortcut = in == out ? Blocks.identityBlock()
                : new SequentialBlock().add(l.conv(p + ".shortcut.0", out, 1, 1)).add(l.batchNorm(p + ".shortcut.1"));
        return Zoo.residual(body, shortcut);
    }

    static Block shuffleNetV2(NamedLayers l, int classes) {
        SequentialBlock net = new SequentialBlock()
                .add(l.conv("conv1", ShuffleNetV2.STEM, 3, 1)).add(l.batchNorm("bn1")).add(l.relu());
        int in = ShuffleNetV2.STEM;
        for (int stage = 0; stage < ShuffleNetV2.CHANNELS.length; stage++) {
            String p = "layer" + (stage + 1) + ".";
            int channels = ShuffleNetV2.CHANNELS[stage];
            net.add(downBlock(l, p + "0", in, channels));
            for (int i = 1; i <= ShuffleNetV2.BASIC_BLOCKS[stage]; i++) {
                net.add(basicBlock(l, p + i, channels));
            }
            in = channels;
        }
        net.add(l.conv("conv2", ShuffleNetV2.LAST, 1, 1)).add(l.batchNorm("bn2")).add(l.relu());
        return Zoo.head(net, l, classes);
    }

    private static Block basicBlock(NamedLayers l, String p, int channels) {
        int half = channels / 2;
        Block kept = new LambdaBlock(x -> new NDList(x.singletonOrThrow().get(":, :" + half)), "firstHalf");
        Block transformed = new SequentialBlock()
                .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().get(":, " + half + ":")), "secondHalf"))
                .add(branch(l, p, 1, half, 1));
        return concatShuffle(kept, transformed);
    }

    private static Block downBlock(NamedLayers l, String p, int in, int out) {
        int mid = out / 2;
        Block left = new SequentialBlock()
                .add(l.conv(p + ".conv1", in, 3, 2, in)).add(l.batchNorm(p + ".bn1"))
                .add(l.conv(p + ".conv2", mid, 1, 1)).add(l.batchNorm(p + ".bn2")).add(l.relu());
        return concatShuffle(left, branch(l, p, 3, mid, 2));
    }

    /** conv{k}(1x1)-BN-ReLU, conv{k+1}(3x3 depthwise, stride)-BN, conv{k+2}(1x1)-BN-ReLU. */
    private static Block branch(NamedLayers l, String p, int k, int out, int stride) {
        return new SequentialBlock()
                .add(l.conv(p + ".conv" + k, out, 1, 1)).add(l.batchNorm(p + ".bn" + k)).add(l.relu())
                .add(l.conv(p + ".conv" + (k + 1), out, 3, stride, out)).add(l.batchNorm(p + ".bn" + (k + 1)))
                .add(l.conv(p + ".conv" + (k + 2), out, 1, 1)).add(l.batchNorm(p + ".bn" + (k + 2))).add(l.relu());
    }

    /** Both branches of one input, concatenated along channels and shuffled in 2 groups. */
    private static Block concatShuffle(Block first, Block second) {
        return new ParallelBlock(outputs -> {
            NDArray x = NDArrays.concat(new NDList(outputs.get(0).singletonOrThrow(), outputs.get(1).singletonOrThrow()), 1);
            long[] s = x.getShape().getShape();
            return new NDList(x.reshape(s[0], 2, s[1] / 2, s[2], s[3]).transpose(0, 2, 1, 3, 4).reshape(s));
        }, List.of(first, second));
    }
}
