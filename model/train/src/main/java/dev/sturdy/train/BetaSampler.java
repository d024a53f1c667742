package dev.sturdy.train;

import java.util.Random;

/** Draws from Beta(a, a) as X / (X + Y) with X, Y ~ Gamma(a, 1) (Marsaglia and Tsang). */
final class BetaSampler {

    private final double alpha;
    private final Random random;

    BetaSampler(double alpha, Random random) {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("Mixup alpha must be positive and finite, got " + alpha);
        }
        this.alpha = alpha;
        this.random = random;
    }

    double next() {
        double x = gamma(alpha);
        double y = gamma(alpha);
        return x + y == 0 ? 0.5 : x / (x + y);
    }

    private double gamma(double shape) {
        if (shape < 1) {
            // Gamma(a) = Gamma(a + 1) * U^(1/a) for a < 1.
            return gamma(shape + 1) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = random.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }
}
