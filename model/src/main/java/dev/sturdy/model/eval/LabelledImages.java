package dev.sturdy.model.eval;

import dev.sturdy.model.data.Dataset;
import dev.sturdy.model.graph.ModelException;
import dev.sturdy.model.graph.Shape;

/** A set of images decoded once into one array (CHW, [0, 1]) with their labels. */
public record LabelledImages(Shape shape, double[] pixels, int[] labels) {

    public int count() {
        return labels.length;
    }

    /** Reads the chosen images of a data set, checking they fit the model's input shape. */
    public static LabelledImages load(Dataset data, int[] indices, Shape expected) {
        Shape shape = new Shape(data.channels(), data.height(), data.width());
        if (!shape.equals(expected)) {
            throw new ModelException("the data has images of shape " + shape + " but the model expects " + expected);
        }
        double[] pixels = new double[indices.length * shape.size()];
        int[] labels = new int[indices.length];
        java.util.stream.IntStream.range(0, indices.length).parallel().forEach(i -> {
            data.readPixels(indices[i], pixels, i * shape.size());
            labels[i] = data.label(indices[i]);
        });
        return new LabelledImages(shape, pixels, labels);
    }
}
