package dev.sturdy.model.graph;

import java.util.List;

/** Average pooling without padding; kernel 0 averages over the whole spatial extent. */
public record AvgPool(int kernel, int stride) implements Op {

    public AvgPool {
        Pooling.check("avg_pool", kernel, stride);
    }

    public static AvgPool global() {
        return new AvgPool(0, 0);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Pooling.outputShape(kind(), kernel, stride, 0, inputs.get(0));
    }

    @Override
    public String kind() {
        return "avg_pool";
    }
}
