package dev.sturdy.model.graph;

import java.util.List;

/**
 * ShuffleNet's channel shuffle: view the C channels as groups x (C / groups), transpose, flatten.
 * Output channel j = i * groups + g holds input channel g * (C / groups) + i.
 */
public record ChannelShuffle(int groups) implements Op {

    public ChannelShuffle {
        if (groups < 1) {
            throw new ModelException("channel_shuffle: groups must be positive, got " + groups);
        }
    }

    /** The input channel that output channel {@code out} holds. */
    public int source(int out, int channels) {
        int perGroup = channels / groups;
        return (out % groups) * perGroup + out / groups;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = inputs.get(0);
        if (in.channels() % groups != 0) {
            throw new ModelException("channel_shuffle: " + groups + " groups do not divide the channels of " + in);
        }
        return in;
    }

    @Override
    public String kind() {
        return "channel_shuffle";
    }
}
