package dev.sturdy.model.approx;

/**
 * AppMax for max-pooling (approxCNN): max(a, b) = (a' + b' + (a' - b') p(a' - b')) / 2 on inputs
 * mapped into [0, 1] by a' = a s + 1/2, then mapped back.
 *
 * <p>Since (d + d p(d)) / 2 - ReLU(d) is exactly the AppReLU error, one AppMax errs by at most 2^-B in
 * mapped units, i.e. 2^-B / s in input units, when |a' - b'| <= 1. A k x k window is reduced by a tree
 * of pairwise maxima, whose intermediate results drift by 2^-B per level; the scale
 * s = (1 - 2k 2^-B) / (2 bound) keeps a margin of k 2^-B at both ends of [0, 1], which covers the
 * 2 ceil(log2 k) - 1 levels before the last one for every k >= 2 (and the ceil(log2 k^2) levels of
 * a single tree over the window). For k = 2 and 3 it is approxCNN's (1 - 4 2^-B) and (1 - 6 2^-B).
 */
public final class AppMax {

    private final CompositeSign sign;
    private final double scale;

    /** @param kernel the pooling window side k >= 1 (a k x k window) */
    public AppMax(CompositeSign sign, double bound, int kernel) {
        if (kernel < 1 || !(bound > 0)) {
            throw new IllegalArgumentException("need kernel >= 1 and bound > 0, got " + kernel + ", " + bound);
        }
        double margin = 2.0 * kernel * Math.scalb(1.0, -sign.beta());
        if (margin >= 1) {
            throw new IllegalArgumentException("kernel " + kernel + " is too large for B = " + sign.beta());
        }
        this.sign = sign;
        this.scale = (1 - margin) / (2 * bound);
    }

    /** The scale s of the input map a' = a s + 1/2. */
    public double scale() {
        return scale;
    }

    /** The guaranteed error of one max for |a|, |b| <= bound, in input units: 2^-B / s. */
    public double errorBound() {
        return Math.scalb(1.0, -sign.beta()) / scale;
    }

    public double max(double a, double b) {
        double x = a * scale + 0.5;
        double y = b * scale + 0.5;
        double d = x - y;
        double m = (x + y + d * sign.evaluate(d)) / 2;
        return (m - 0.5) / scale;
    }
}
