package dev.sturdy.model.graph;

import java.util.List;

/** Fully connected layer; weight is outFeatures x inFeatures row-major, bias may be null. */
public record Linear(int outFeatures, int inFeatures, float[] weight, float[] bias) implements Op {

    public Linear {
        if (outFeatures <= 0 || inFeatures <= 0) {
            throw new ModelException("linear: invalid size " + outFeatures + "x" + inFeatures);
        }
        Weights.requireLength("linear weight", weight, outFeatures * inFeatures);
        if (bias != null) {
            Weights.requireLength("linear bias", bias, outFeatures);
        }
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = inputs.get(0);
        if (!in.isFlat() || in.channels() != inFeatures) {
            throw new ModelException("linear expects a flat input of " + inFeatures + " features, got " + in);
        }
        return Shape.flat(outFeatures);
    }

    @Override
    public String kind() {
        return "linear";
    }
}
