package dev.sturdy.model.graph;

import java.util.List;

/** Reinterprets CHW as a flat vector in the same (row-major) order. */
public record Flatten() implements Op {

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Shape.flat(inputs.get(0).size());
    }

    @Override
    public String kind() {
        return "flatten";
    }
}
