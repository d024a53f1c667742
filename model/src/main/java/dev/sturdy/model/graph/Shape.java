package dev.sturdy.model.graph;

/**
 * Shape of one sample's activation: channels x height x width. A flat feature vector of n values
 * is (n, 1, 1), so every layer reads and writes one CHW layout.
 */
public record Shape(int channels, int height, int width) {

    public Shape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new ModelException("shape must be positive, got " + channels + "x" + height + "x" + width);
        }
    }

    public static Shape flat(int features) {
        return new Shape(features, 1, 1);
    }

    public int size() {
        return channels * height * width;
    }

    public boolean isFlat() {
        return height == 1 && width == 1;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
