package dev.sturdy.model.graph;

import java.util.List;

/** Its inputs joined along the channel axis, in order; all have the same height and width. */
public record Concat(int inputs) implements Op {

    public Concat {
        if (inputs < 2) {
            throw new ModelException("concat needs at least 2 inputs, got " + inputs);
        }
    }

    @Override
    public Shape outputShape(List<Shape> in) {
        Shape first = in.get(0);
        int channels = 0;
        for (Shape s : in) {
            if (s.height() != first.height() || s.width() != first.width()) {
                throw new ModelException("concat needs inputs of equal height and width, got " + in);
            }
            channels += s.channels();
        }
        return new Shape(channels, first.height(), first.width());
    }

    @Override
    public String kind() {
        return "concat";
    }

    @Override
    public int arity() {
        return inputs;
    }
}
