package dev.sturdy.model.io;

/** A named float tensor from a PyTorch archive: shape (row-major) and values. */
public record NamedArray(String name, int[] shape, float[] values) {
}
