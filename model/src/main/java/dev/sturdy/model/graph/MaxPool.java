package dev.sturdy.model.graph;

import java.util.List;

/**
 * Max pooling; under PANN each pairwise max becomes AppMax. Padding adds no value: a window that
 * overhangs the input takes the maximum of the elements it covers (PyTorch pads with -infinity).
 */
public record MaxPool(int kernel, int stride, int padding) implements Op {

    public MaxPool {
        Pooling.check("max_pool", kernel, stride);
        if (padding < 0 || (padding > 0 && 2 * padding > kernel)) {
            throw new ModelException("max_pool: padding " + padding + " must be at most half the kernel " + kernel);
        }
    }

    public MaxPool(int kernel, int stride) {
        this(kernel, stride, 0);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Pooling.outputShape(kind(), kernel, stride, padding, inputs.get(0));
    }

    @Override
    public String kind() {
        return "max_pool";
    }
}
