package dev.sturdy.model.onnx;

import dev.sturdy.model.graph.ModelException;
import java.util.Arrays;

/**
 * A constant tensor of the ONNX graph (an initializer, a Constant node or folded shape arithmetic):
 * its dimensions and values as doubles (float32 weights and int64 shape values both fit exactly;
 * int64 bounds such as INT64_MAX become very large doubles, which every use clamps).
 */
record OnnxConst(long[] dims, double[] values, boolean integral) implements OnnxValue {

    static OnnxConst ints(long... v) {
        return new OnnxConst(new long[] {v.length}, Arrays.stream(v).asDoubleStream().toArray(), true);
    }

    static OnnxConst scalar(double v, boolean integral) {
        return new OnnxConst(new long[0], new double[] {v}, integral);
    }

    int size() {
        return values.length;
    }

    long longAt(int i) {
        double v = values[i];
        return v >= Long.MAX_VALUE ? Long.MAX_VALUE : v <= Long.MIN_VALUE ? Long.MIN_VALUE : (long) v;
    }

    long[] longs() {
        long[] out = new long[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = longAt(i);
        }
        return out;
    }

    float[] floats() {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    /** The dimensions as ints, the rank checked against {@code expectedRank} (any when none given), for errors {@code what}. */
    int[] shape(String what, int... expectedRank) {
        if (expectedRank.length > 0 && Arrays.stream(expectedRank).noneMatch(r -> r == dims.length)) {
            throw new ModelException(what + " has shape " + Arrays.toString(dims) + "; expected rank "
                    + Arrays.toString(expectedRank));
        }
        return Arrays.stream(dims).mapToInt(Math::toIntExact).toArray();
    }

    @Override
    public String toString() {
        return "const" + Arrays.toString(dims);
    }
}
