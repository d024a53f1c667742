package dev.sturdy.model.graph;

import java.util.List;

/** Channels [start, start + count) of the input (a split or chunk along channels). */
public record ChannelSlice(int start, int count) implements Op {

    public ChannelSlice {
        if (start < 0 || count < 1) {
            throw new ModelException("channel_slice: invalid start " + start + " / count " + count);
        }
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = inputs.get(0);
        if (start + count > in.channels()) {
            throw new ModelException("channel_slice [" + start + ", " + (start + count) + ") does not fit " + in);
        }
        return new Shape(count, in.height(), in.width());
    }

    @Override
    public String kind() {
        return "channel_slice";
    }
}
