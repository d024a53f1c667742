package dev.sturdy.model.graph;

import java.util.List;

/** ReLU; under PANN it becomes AppReLU at the model's bound and the chosen precision. */
public record Relu() implements Op {

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return inputs.get(0);
    }

    @Override
    public String kind() {
        return "relu";
    }
}
