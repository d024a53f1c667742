package dev.sturdy.model.zoo;

import dev.sturdy.model.graph.Add;
import dev.sturdy.model.graph.AvgPool;
import dev.sturdy.model.graph.BatchNorm;
import dev.sturdy.model.graph.Conv2d;
import dev.sturdy.model.graph.Flatten;
import dev.sturdy.model.graph.Graph;
import dev.sturdy.model.graph.Linear;
import dev.sturdy.model.graph.Relu;

/** Layers the zoo's graph builders share, named as PyTorch names their state_dict entries. */
final class ZooLayers {

    /** PyTorch's BatchNorm2d default. */
    static final double BN_EPS = 1e-5;

    private ZooLayers() {
    }

    /** How a residual block's identity path is adapted when the block changes shape. */
    @FunctionalInterface
    interface Shortcut {
        /** Adds the adapting layers reading {@code x}; returns the name of the shortcut's output. */
        String add(Graph.Builder g, StateDict w, String prefix, String x, int in, int planes, int stride);
    }

    /** A bias-free square convolution with "same" padding, reading layer {@code from}. */
    static void conv(Graph.Builder g, StateDict w, String name, int in, int out, int kernel, int stride, String from) {
        conv(g, w, name, in, out, kernel, stride, 1, from);
    }

    /** As {@link #conv(Graph.Builder, StateDict, String, int, int, int, int, String)} in groups (groups = in: depthwise). */
    static void conv(Graph.Builder g, StateDict w, String name, int in, int out, int kernel, int stride, int groups,
                     String from) {
        g.add(name, new Conv2d(out, in, kernel, stride, kernel / 2, groups, 1,
                w.get(name + ".weight", out, in / groups, kernel, kernel), null), from);
    }

    /** The stem of the CIFAR networks: conv1 (3x3, stride 1)-bn1-relu on the input; returns its channels. */
    static int stem(Graph.Builder g, StateDict w, int channels) {
        conv(g, w, "conv1", 3, channels, 3, 1, "input");
        bn(g, w, "bn1", channels);
        g.then("relu", new Relu());
        return channels;
    }

    /** The mobile networks' end: conv2 (1x1 to {@code last} channels)-bn2-relu2, then {@link #head}. */
    static void wideHead(Graph.Builder g, StateDict w, int in, int last, int classes) {
        conv(g, w, "conv2", in, last, 1, 1, g.last());
        bn(g, w, "bn2", last);
        g.then("relu2", new Relu());
        head(g, w, last, classes);
    }

    /** Global average pooling, flatten and the linear classifier "linear" after the last layer added. */
    static void head(Graph.Builder g, StateDict w, int in, int classes) {
        g.then("avgpool", AvgPool.global());
        g.then("flatten", new Flatten());
        g.then("linear", new Linear(classes, in, w.get("linear.weight", classes, in), w.get("linear.bias", classes)));
    }

    /** Inference batch norm after the last layer added. */
    static void bn(Graph.Builder g, StateDict w, String name, int c) {
        g.then(name, new BatchNorm(w.get(name + ".weight", c), w.get(name + ".bias", c),
                w.get(name + ".running_mean", c), w.get(name + ".running_var", c), BN_EPS));
    }

    /** conv3x3-BN-ReLU-conv3x3-BN plus the (adapted) identity, then ReLU. */
    static void basicBlock(Graph.Builder g, StateDict w, String p, int in, int planes, int stride, Shortcut shortcut) {
        String x = g.last();
        conv(g, w, p + ".conv1", in, planes, 3, stride, x);
        bn(g, w, p + ".bn1", planes);
        g.then(p + ".relu1", new Relu());
        conv(g, w, p + ".conv2", planes, planes, 3, 1, g.last());
        bn(g, w, p + ".bn2", planes);
        String residual = g.last();
        String identity = stride != 1 || in != planes ? shortcut.add(g, w, p, x, in, planes, stride) : x;
        g.add(p + ".add", new Add(), residual, identity);
        g.then(p + ".relu2", new Relu());
    }
}
