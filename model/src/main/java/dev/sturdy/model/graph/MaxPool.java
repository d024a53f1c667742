package dev.sturdy.model.graph;

import java.util.List;

/** Max pooling without padding; under PANN each pairwise max becomes AppMax. */
public record MaxPool(int kernel, int stride) implements Op {

    public MaxPool {
        Pooling.check("max_pool", kernel, stride);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Pooling.outputShape(kind(), kernel, stride, inputs.get(0));
    }

    @Override
    public String kind() {
        return "max_pool";
    }
}
