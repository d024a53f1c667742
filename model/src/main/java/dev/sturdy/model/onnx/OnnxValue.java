package dev.sturdy.model.onnx;

import dev.sturdy.model.graph.Shape;

/** What an ONNX tensor name stands for while a graph is translated: a layer's output or a constant. */
sealed interface OnnxValue permits OnnxValue.Layer, OnnxValue.Strided, OnnxValue.Grouped, OnnxValue.Shuffled, OnnxConst {

    /**
     * The output of layer {@code name} ("input" for the graph input), one sample of shape
     * {@code shape}; {@code rank} is its ONNX rank with the batch dimension (4 for N x C x H x W,
     * 2 for N x F).
     */
    record Layer(String name, Shape shape, int rank) implements OnnxValue {
    }

    /**
     * A layer's output sampled every {@code stride}-th row and column (x[:, :, ::s, ::s], ONNX
     * Slice), not yet a layer: the option-A shortcut's first half, which a Pad of the channels
     * completes.
     */
    record Strided(Layer source, int strideH, int strideW) implements OnnxValue {
    }

    /** A layer's channels viewed as N x groups x C/groups x H x W: the first step of a channel shuffle. */
    record Grouped(Layer source, int groups) implements OnnxValue {
    }

    /** A {@link Grouped} view with its two group axes transposed: reshaped back, a channel shuffle. */
    record Shuffled(Layer source, int groups) implements OnnxValue {
    }
}
