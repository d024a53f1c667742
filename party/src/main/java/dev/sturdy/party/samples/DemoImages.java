package dev.sturdy.party.samples;

import dev.sturdy.model.data.DataSpec;
import dev.sturdy.model.data.Dataset;
import dev.sturdy.model.data.Samples;
import dev.sturdy.model.graph.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * The demo's sample images, pixel values in [0, 1], CHW: for a 28x28 grey model the ten embedded
 * Fashion-MNIST test images (one per class, resource samples.bin: per image a label byte and 784
 * pixel bytes), or class-balanced test images of Fashion-MNIST when more are asked for and the
 * machine has them; for a 32x32 colour model the ten embedded CIFAR-10 test images (the first of
 * each class in test_batch.bin, resource samples-cifar10.bin, its records: a label byte and 3072
 * CHW pixel bytes); for other input shapes, or more images than embedded, deterministic synthetic
 * images (labelled as such: they have no true class).
 */
public record DemoImages(double[] pixels, int count, int[] labels, String source) {
    public static final Path FASHION_MNIST = DataSpec.FASHION_MNIST;

    private static final String EMBEDDED_FASHION = "/dev/sturdy/party/samples.bin";
    private static final String EMBEDDED_CIFAR = "/dev/sturdy/party/samples-cifar10.bin";
    private static final int EMBEDDED_COUNT = 10;

    public static DemoImages load(Shape input, int count) {
        boolean fashionShape = input.channels() == 1 && input.height() == 28 && input.width() == 28;
        boolean cifarShape = input.channels() == 3 && input.height() == 32 && input.width() == 32;
        if (fashionShape && count <= EMBEDDED_COUNT) {
            return embedded(EMBEDDED_FASHION, input, count, "embedded Fashion-MNIST test images (one per class)");
        }
        if (cifarShape && count <= EMBEDDED_COUNT) {
            return embedded(EMBEDDED_CIFAR, input, count, "embedded CIFAR-10 test images (one per class)");
        }
        if (fashionShape && Files.isDirectory(FASHION_MNIST)) {
            DemoImages d = fromData("idx:" + FASHION_MNIST, input, count);
            return new DemoImages(d.pixels, d.count, d.labels, "Fashion-MNIST test images (" + FASHION_MNIST + ")");
        }
        return synthetic(input, count);
    }

    /**
     * A class-balanced sample of {@code count} images of a data set (a spec as in {@code sturdy eval}),
     * which must have the model's input shape.
     */
    public static DemoImages fromData(String spec, Shape input, int count) {
        Dataset d = DataSpec.open(spec);
        if (d.channels() != input.channels() || d.height() != input.height() || d.width() != input.width()) {
            throw new IllegalArgumentException(String.format("%s has %dx%dx%d images, the model takes %dx%dx%d", spec,
                    d.channels(), d.height(), d.width(), input.channels(), input.height(), input.width()));
        }
        int[] idx = Samples.classBalanced(d, count, 0);
        double[] px = new double[idx.length * d.imageSize()];
        int[] labels = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            d.readPixels(idx[i], px, i * d.imageSize());
            labels[i] = d.label(idx[i]);
        }
        return new DemoImages(px, idx.length, labels, "images of " + spec);
    }

    private static DemoImages embedded(String resource, Shape input, int count, String source) {
        byte[] bytes;
        try (InputStream in = DemoImages.class.getResourceAsStream(resource)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedded sample images " + resource, e);
        }
        int size = input.size();
        double[] px = new double[count * size];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int record = i * (size + 1);
            labels[i] = bytes[record];
            for (int p = 0; p < size; p++) {
                px[i * size + p] = (bytes[record + 1 + p] & 0xff) / 255.0;
            }
        }
        return new DemoImages(px, count, labels, source);
    }

    /** Smooth random blobs from a fixed seed; label -1 (no true class). */
    static DemoImages synthetic(Shape input, int count) {
        Random r = new Random(28);
        int plane = input.height() * input.width();
        double[] px = new double[count * input.size()];
        for (int i = 0; i < count * input.channels(); i++) {
            double cy = r.nextDouble() * input.height(), cx = r.nextDouble() * input.width();
            double radius = 2 + r.nextDouble() * input.height() / 3.0;
            for (int y = 0; y < input.height(); y++) {
                for (int x = 0; x < input.width(); x++) {
                    double d = Math.hypot(y - cy, x - cx) / radius;
                    px[i * plane + y * input.width() + x] = Math.exp(-d * d);
                }
            }
        }
        int[] labels = new int[count];
        Arrays.fill(labels, -1);
        return new DemoImages(px, count, labels, "synthetic images (no sample images of this shape here)");
    }
}
