package dev.sturdy.train;

import dev.sturdy.model.data.Dataset;
import java.util.List;
import java.util.Random;

/**
 * A learnable data set made in the test: each class is a bright square at its own place on a
 * noisy background, so a small network separates the classes within one epoch.
 */
final class SyntheticImages implements Dataset {

    private final int count;
    private final int channels;
    private final int side;
    private final int classes;
    private final long seed;

    SyntheticImages(int count, int channels, int side, int classes, long seed) {
        this.count = count;
        this.channels = channels;
        this.side = side;
        this.classes = classes;
        this.seed = seed;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int height() {
        return side;
    }

    @Override
    public int width() {
        return side;
    }

    @Override
    public List<String> classes() {
        return java.util.stream.IntStream.range(0, classes).mapToObj(k -> "class" + k).toList();
    }

    @Override
    public int label(int index) {
        return index % classes;
    }

    @Override
    public void readPixels(int index, double[] out, int offset) {
        Random random = new Random(seed * 31 + index);
        int k = label(index);
        int cell = side / 4;
        int top = (k / 4) * cell;
        int left = (k % 4) * cell;
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    boolean square = y >= top && y < top + cell && x >= left && x < left + cell;
                    double v = 0.3 * random.nextDouble() + (square ? 0.6 : 0);
                    out[offset + (c * side + y) * side + x] = v;
                }
            }
        }
    }
}
