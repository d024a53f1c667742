package dev.sturdy.train;

import dev.sturdy.model.Normalization;
import dev.sturdy.model.graph.Shape;
import java.util.Random;

/**
 * Turns images into one normalised float batch (NCHW), with the standard CIFAR augmentation
 * when asked: a random 32x32 crop of the image zero-padded by 4 on each side (zero before
 * normalisation, as torchvision pads), then a horizontal flip with probability 1/2.
 */
final class BatchAssembler {

    static final int CROP_PADDING = 4;

    private final TrainingImages images;
    private final Normalization normalization;
    private final boolean augment;

    BatchAssembler(TrainingImages images, Normalization normalization, boolean augment) {
        this.images = images;
        this.normalization = normalization;
        this.augment = augment;
    }

    /** Writes images order[from, to) into out (at least (to - from) * size floats). */
    void fill(int[] order, int from, int to, float[] out, Random random) {
        Shape s = images.shape();
        int plane = s.height() * s.width();
        for (int b = 0; b < to - from; b++) {
            int image = order[from + b];
            int dy = 0;
            int dx = 0;
            boolean flip = false;
            if (augment) {
                dy = random.nextInt(2 * CROP_PADDING + 1) - CROP_PADDING;
                dx = random.nextInt(2 * CROP_PADDING + 1) - CROP_PADDING;
                flip = random.nextBoolean();
            }
            for (int c = 0; c < s.channels(); c++) {
                float mean = (float) normalization.mean()[c];
                float inv = (float) (1 / normalization.std()[c]);
                int base = b * s.size() + c * plane;
                for (int y = 0; y < s.height(); y++) {
                    int sy = y + dy;
                    for (int x = 0; x < s.width(); x++) {
                        int sx = (flip ? s.width() - 1 - x : x) + dx;
                        boolean inside = sy >= 0 && sy < s.height() && sx >= 0 && sx < s.width();
                        float v = inside ? images.pixel(image, c * plane + sy * s.width() + sx) : 0f;
                        out[base + y * s.width() + x] = (v - mean) * inv;
                    }
                }
            }
        }
    }
}
