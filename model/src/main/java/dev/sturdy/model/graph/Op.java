package dev.sturdy.model.graph;

import java.util.List;

/** One layer's operation; knows how many inputs it takes and the shape it produces. */
public sealed interface Op permits Conv2d, BatchNorm, Linear, AvgPool, MaxPool, Relu, ClippedRelu, Add, Flatten, ShortcutPad,
        Concat, ChannelShuffle, ChannelSlice {

    /** Output shape for these input shapes; throws ModelException when they do not fit. */
    Shape outputShape(List<Shape> inputs);

    /** Short name used in messages and statistics ("conv2d", "relu", ...). */
    String kind();

    default int arity() {
        return 1;
    }
}
