package dev.sturdy.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import dev.sturdy.model.graph.Shape;
import dev.sturdy.model.zoo.CifarResNet;
import dev.sturdy.model.zoo.ModelImporter;
import dev.sturdy.model.zoo.SmallCnn;
import java.util.List;
import java.util.Random;

/**
 * The trainable zoo on DJL, mirroring the graph builders of dev.sturdy.model.zoo layer for layer
 * and name for name: CIFAR ResNet-20/32/44/56/110 (option A shortcuts), ResNet-18 without
 * max-pool (projection shortcuts), MobileNetV2 and ShuffleNetV2 in their CIFAR variants, and the
 * small CNN.
 */
public final class Zoo {

    private Zoo() {
    }

    /** The architectures {@code sturdy train} knows. */
    public static List<String> architectures() {
        return ModelImporter.ARCHITECTURES;
    }

    /** Fails with the list of supported names unless the zoo has this architecture. */
    public static void requireKnown(String architecture) {
        if (!architectures().contains(architecture)) {
            throw new IllegalArgumentException("unknown architecture '" + architecture + "'; supported: "
                    + String.join(", ", architectures()));
        }
    }

    /** A network for inputs of this shape; fails with one clear message when they do not fit. */
    public static ZooNetwork build(String architecture, Shape input, int classes, NgnvSettings ngnv) {
        requireKnown(architecture);
        Random noise = new Random(0);
        NamedLayers layers = new NamedLayers(ngnv, noise);
        Block block;
        if (architecture.equals("smallcnn")) {
            block = smallCnn(layers, classes);
        } else {
            requireInput(architecture, input, new Shape(3, 32, 32));
            block = switch (architecture) {
                case "resnet18" -> resNet18(layers, classes);
                case "mobilenetv2" -> ZooMobile.mobileNetV2(layers, classes);
                case "shufflenetv2" -> ZooMobile.shuffleNetV2(layers, classes);
                default -> cifarResNet(layers, CifarResNet.blocksPerStage(Integer.parseInt(architecture.substring(6))), classes);
            };
        }
        return new ZooNetwork(architecture, input, classes, block, layers.parameters(), noise);
    }

    private static void requireInput(String architecture, Shape input, Shape expected) {
        if (!input.equals(expected)) {
            throw new IllegalArgumentException(architecture + " needs " + expected + " images, the data has " + input
                    + " (use smallcnn for 28x28 grey images)");
        }
    }

    private static Block smallCnn(NamedLayers l, int classes) {
        SequentialBlock net = new SequentialBlock();
        for (int i = 0; i < SmallCnn.WIDTHS.length; i++) {
            net.add(l.conv("conv" + (i + 1), SmallCnn.WIDTHS[i], 3, SmallCnn.STRIDES[i]))
                    .add(l.batchNorm("bn" + (i + 1)))
                    .add(l.relu());
        }
        return head(net, l, classes);
    }

    private static Block cifarResNet(NamedLayers l, int blocks, int classes) {
        SequentialBlock net = new SequentialBlock()
                .add(l.conv("conv1", 16, 3, 1)).add(l.batchNorm("bn1")).add(l.relu());
        int in = 16;
        for (int stage = 1; stage <= 3; stage++) {
            int planes = 16 << (stage - 1);
            for (int i = 0; i < blocks; i++) {
                int stride = stage > 1 && i == 0 ? 2 : 1;
                Block shortcut = stride != 1 || in != planes ? optionA(stride, (planes - in) / 2, planes - in - (planes - in) / 2)
                        : Blocks.identityBlock();
                net.add(basicBlock(l, "layer" + stage + "." + i, planes, stride, shortcut));
                in = planes;
            }
        }
        return head(net, l, classes);
    }

    private static Block resNet18(NamedLayers l, int classes) {
        SequentialBlock net = new SequentialBlock()
                .add(l.conv("conv1", 64, 3, 1)).add(l.batchNorm("bn1")).add(l.relu());
        int in = 64;
        for (int stage = 1; stage <= 4; stage++) {
            int planes = 64 << (stage - 1);
            for (int i = 0; i < 2; i++) {
                int stride = stage > 1 && i == 0 ? 2 : 1;
                String p = "layer" + stage + "." + i;
                Block shortcut = stride != 1 || in != planes
                        ? new SequentialBlock().add(l.conv(p + ".shortcut.0", planes, 1, stride)).add(l.batchNorm(p + ".shortcut.1"))
                        : Blocks.identityBlock();
                net.add(basicBlock(l, p, planes, stride, shortcut));
                in = planes;
            }
        }
        return head(net, l, classes);
    }

    /** The sum of two branches of one input. */
    static Block residual(Block body, Block shortcut) {
        return new ParallelBlock(
                outputs -> new NDList(outputs.get(0).singletonOrThrow().add(outputs.get(1).singletonOrThrow())),
                List.of(body, shortcut));
    }

    /** conv-BN-ReLU-conv-BN plus the shortcut, then ReLU. */
    private static Block basicBlock(NamedLayers l, String p, int planes, int stride, Block shortcut) {
        SequentialBlock residual = new SequentialBlock()
                .add(l.conv(p + ".conv1", planes, 3, stride)).add(l.batchNorm(p + ".bn1")).add(l.relu())
                .add(l.conv(p + ".conv2", planes, 3, 1)).add(l.batchNorm(p + ".bn2"));
        return new SequentialBlock().add(residual(residual, shortcut)).add(l.relu());
    }

    /** x[:, :, ::stride, ::stride] with zero channels before and after (ShortcutPad in the graph). */
    private static Block optionA(int stride, int before, int after) {
        return new LambdaBlock(list -> {
            NDArray x = list.singletonOrThrow().get(":, :, ::" + stride + ", ::" + stride);
            long[] s = x.getShape().getShape();
            NDArray zerosBefore = x.getManager().zeros(new ai.djl.ndarray.types.Shape(s[0], before, s[2], s[3]));
            NDArray zerosAfter = x.getManager().zeros(new ai.djl.ndarray.types.Shape(s[0], after, s[2], s[3]));
            return new NDList(NDArrays.concat(new NDList(zerosBefore, x, zerosAfter), 1));
        }, "optionA");
    }

    static Block head(SequentialBlock net, NamedLayers l, int classes) {
        return net.add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock()).add(l.linear("linear", classes));
    }
}
