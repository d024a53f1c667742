package dev.sturdy.model.graph;

import java.util.List;

/**
 * min(max(x, 0), ceiling), ReLU6 for ceiling 6. Under PANN it is ReLU(x) - ReLU(x - ceiling) with
 * AppReLU for each ReLU, which is exact for the backbone.
 */
public record ClippedRelu(double ceiling) implements Op {

    public ClippedRelu {
        if (!(ceiling > 0) || Double.isInfinite(ceiling)) {
            throw new ModelException("clipped_relu: the ceiling must be positive and finite, got " + ceiling);
        }
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return inputs.get(0);
    }

    @Override
    public String kind() {
        return "clipped_relu";
    }
}
