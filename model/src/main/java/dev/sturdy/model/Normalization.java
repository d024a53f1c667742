package dev.sturdy.model;

import dev.sturdy.model.graph.ModelException;

/** Per-channel input normalisation applied to pixels in [0, 1]: (x - mean[c]) / std[c]. */
public record Normalization(double[] mean, double[] std) {

    public Normalization {
        if (mean.length != std.length) {
            throw new ModelException("normalisation needs as many means as stds, got " + mean.length + " and " + std.length);
        }
        for (double s : std) {
            if (!(s > 0)) {
                throw new ModelException("normalisation std must be positive, got " + s);
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    public static Normalization identity(int channels) {
        double[] ones = new double[channels];
        java.util.Arrays.fill(ones, 1.0);
        return new Normalization(new double[channels], ones);
    }

    public int channels() {
        return mean.length;
    }

    /** Normalises one CHW sample in place; plane is height*width. */
    public void apply(double[] sample, int offset, int plane) {
        for (int c = 0; c < mean.length; c++) {
            double m = mean[c];
            double inv = 1.0 / std[c];
            int base = offset + c * plane;
            for (int i = 0; i < plane; i++) {
                sample[base + i] = (sample[base + i] - m) * inv;
            }
        }
    }
}
