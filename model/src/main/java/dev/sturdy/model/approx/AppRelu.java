package dev.sturdy.model.approx;

/** AppReLU(z) = (z + z * Appsgn(z / bound)) / 2, the polynomial replacement of ReLU in a PANN. */
public final class AppRelu {

    private AppRelu() {
    }

    /** Accurate to bound * 2^-B for |z| <= bound when the sign meets its guarantee. */
    public static double apply(double z, double bound, CompositeSign sign) {
        return (z + z * sign.evaluate(z / bound)) / 2;
    }

    /**
     * The largest |x (1 + p(x)) / 2 - ReLU(x)| over x in [-1, 1], sampled densely (uniform plus
     * log-spaced towards 0) and refined around the worst samples. By oddness of p the error at -x
     * equals the error at x, so only [0, 1] is sampled.
     */
    public static double measuredError(CompositeSign sign) {
        return ReluErrorScan.maxError(sign::evaluate, 0, 1, 200_000);
    }
}
