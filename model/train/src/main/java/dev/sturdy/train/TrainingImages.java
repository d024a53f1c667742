package dev.sturdy.train;

import dev.sturdy.model.Normalization;
import dev.sturdy.model.data.Dataset;
import dev.sturdy.model.graph.Shape;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The training images held in memory as bytes (a quarter of floats: CIFAR-10's 50,000 images take
 * 150 MB), with their labels, class names and per-channel statistics for the normalisation.
 */
public final class TrainingImages {

    private final Shape shape;
    private final byte[] pixels;
    private final int[] labels;
    private final List<String> classes;

    private TrainingImages(Shape shape, byte[] pixels, int[] labels, List<String> classes) {
        this.shape = shape;
        this.pixels = pixels;
        this.labels = labels;
        this.classes = List.copyOf(classes);
    }

    /** Reads the chosen images; pixel values in [0, 1] are stored as round(255 v). */
    public static TrainingImages load(Dataset data, int[] indices) {
        Shape shape = new Shape(data.channels(), data.height(), data.width());
        int size = shape.size();
        byte[] pixels = new byte[indices.length * size];
        int[] labels = new int[indices.length];
        IntStream.range(0, indices.length).parallel().forEach(i -> {
            double[] buffer = new double[size];
            data.readPixels(indices[i], buffer, 0);
            for (int j = 0; j < size; j++) {
                pixels[i * size + j] = (byte) Math.round(Math.max(0, Math.min(1, buffer[j])) * 255);
            }
            labels[i] = data.label(indices[i]);
        });
        return new TrainingImages(shape, pixels, labels, data.classes());
    }

    public Shape shape() {
        return shape;
    }

    public int count() {
        return labels.length;
    }

    public int label(int i) {
        return labels[i];
    }

    public List<String> classes() {
        return classes;
    }

    /** Pixel j (CHW order) of image i in [0, 1]. */
    public float pixel(int i, int j) {
        return (pixels[i * shape.size() + j] & 0xff) / 255f;
    }

    /** Per-channel mean and standard deviation of all pixels: the input normalisation of the trained model. */
    public Normalization statistics() {
        int c = shape.channels();
        int plane = shape.height() * shape.width();
        double[] mean = new double[c];
        double[] std = new double[c];
        for (int ch = 0; ch < c; ch++) {
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < count(); i++) {
                int base = i * shape.size() + ch * plane;
                for (int j = 0; j < plane; j++) {
                    double v = (pixels[base + j] & 0xff) / 255.0;
                    sum += v;
                    squares += v * v;
                }
            }
            double n = (double) count() * plane;
            mean[ch] = sum / n;
            std[ch] = Math.sqrt(Math.max(squares / n - mean[ch] * mean[ch], 1e-12));
        }
        return new Normalization(mean, std);
    }
}
