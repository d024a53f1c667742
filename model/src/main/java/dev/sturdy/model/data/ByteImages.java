package dev.sturdy.model.data;

import java.util.List;
import java.util.Objects;

/** A data set held in memory as 8-bit samples, one CHW byte array per image. */
final class ByteImages implements Dataset {

    private static final double[] UNIT = new double[256];

    static {
        for (int v = 0; v < 256; v++) {
            UNIT[v] = v / 255.0;
        }
    }

    private final List<String> classes;
    private final int channels;
    private final int height;
    private final int width;
    private final byte[][] images;
    private final int[] labels;

    ByteImages(List<String> classes, int channels, int height, int width, byte[][] images, int[] labels) {
        if (images.length != labels.length) {
            throw new IllegalArgumentException(images.length + " images but " + labels.length + " labels");
        }
        this.classes = List.copyOf(classes);
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.images = images;
        this.labels = labels;
    }

    @Override
    public int size() {
        return images.length;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public int label(int index) {
        return labels[Objects.checkIndex(index, labels.length)];
    }

    @Override
    public void readPixels(int index, double[] out, int offset) {
        byte[] image = images[Objects.checkIndex(index, images.length)];
        Objects.checkFromIndexSize(offset, image.length, out.length);
        for (int i = 0; i < image.length; i++) {
            out[offset + i] = UNIT[image[i] & 0xff];
        }
    }
}
