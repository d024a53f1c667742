package dev.sturdy.model.io;

import java.util.Arrays;
import java.util.List;

/** One tensor of an archive: its name, its shape ([] for a scalar) and its values in C order as float. */
public record NamedArray(String name, int[] shape, float[] values) {

    public NamedArray {
        long count = elementCount(shape);
        if (count != values.length) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " holds " + count
                    + " values, not " + values.length);
        }
    }

    /** Product of the dimensions, 1 for a scalar; -1 when a dimension is negative. */
    static long elementCount(int[] shape) {
        long count = 1;
        for (int d : shape) {
            if (d < 0) {
                return -1;
            }
            count *= d;
        }
        return count;
    }

    /**
     * A shape from a parsed header: a list of non-negative Long sizes whose product fits an array;
     * null for anything else.
     */
    static int[] shapeOf(Object value) {
        if (!(value instanceof List<?> dims)) {
            return null;
        }
        int[] shape = new int[dims.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE || (count *= d) > Integer.MAX_VALUE) {
                return null;
            }
            shape[i] = (int) (long) d;
        }
        return shape;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
