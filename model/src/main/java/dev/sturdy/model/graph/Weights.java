package dev.sturdy.model.graph;

/** Checks on weight arrays shared by the layer records. */
final class Weights {

    private Weights() {
    }

    static void requireLength(String what, float[] values, int expected) {
        if (values == null) {
            throw new ModelException(what + " is missing");
        }
        if (values.length != expected) {
            throw new ModelException(what + " has " + values.length + " values, expected " + expected);
        }
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw new ModelException(what + " contains a non-finite value");
            }
        }
    }
}
