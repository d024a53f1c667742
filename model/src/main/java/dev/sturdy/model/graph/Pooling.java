package dev.sturdy.model.graph;

/** Output geometry shared by average and max pooling; kernel 0 means global pooling. */
final class Pooling {

    private Pooling() {
    }

    static Shape outputShape(String kind, int kernel, int stride, int padding, Shape in) {
        if (kernel == 0) {
            return new Shape(in.channels(), 1, 1);
        }
        if (kernel > in.height() + 2 * padding || kernel > in.width() + 2 * padding) {
            throw new ModelException(kind + " kernel " + kernel + " does not fit input " + in);
        }
        return new Shape(in.channels(), (in.height() + 2 * padding - kernel) / stride + 1,
                (in.width() + 2 * padding - kernel) / stride + 1);
    }

    static void check(String kind, int kernel, int stride) {
        if (kernel < 0 || (kernel > 0 && stride <= 0)) {
            throw new ModelException(kind + ": invalid kernel " + kernel + " / stride " + stride);
        }
    }
}
