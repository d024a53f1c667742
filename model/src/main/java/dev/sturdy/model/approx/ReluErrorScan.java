package dev.sturdy.model.approx;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * Measures e(x) = x |1 - p(x)| / 2, the AppReLU error on the scaled domain at x >= 0 (by oddness of
 * p it is also the error at -x), by dense sampling and golden-section refinement of the worst
 * local maxima.
 */
final class ReluErrorScan {

    private static final int REFINED_MAXIMA = 8;

    private ReluErrorScan() {
    }

    static double error(DoubleUnaryOperator sign, double x) {
        return Math.abs(x * (1 - sign.applyAsDouble(x))) / 2;
    }

    /** Max of the error over [lo, hi] (lo >= 0) from n uniform samples plus n / 4 log-spaced ones down to 1e-12. */
    static double maxError(DoubleUnaryOperator sign, double lo, double hi, int n) {
        int logCount = lo == 0 ? n / 4 : 0;
        double[] xs = new double[n + 1 + logCount];
        for (int i = 0; i <= n; i++) {
            xs[i] = lo + (hi - lo) * i / n;
        }
        double logLo = Math.log(1e-12);
        double logHi = Math.log(hi);
        for (int i = 0; i < logCount; i++) {
            xs[n + 1 + i] = Math.exp(logLo + (logHi - logLo) * i / logCount);
        }
        Arrays.sort(xs);
        double[] es = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            es[i] = error(sign, xs[i]);
        }
        // Indices of local maxima, worst first; refine each in its neighbouring interval.
        Integer[] maxima = java.util.stream.IntStream.range(0, xs.length)
                .filter(i -> (i == 0 || es[i] >= es[i - 1]) && (i == xs.length - 1 || es[i] >= es[i + 1]))
                .boxed().sorted((i, j) -> Double.compare(es[j], es[i])).toArray(Integer[]::new);
        double best = 0;
        for (int k = 0; k < Math.min(REFINED_MAXIMA, maxima.length); k++) {
            int i = maxima[k];
            double a = xs[Math.max(0, i - 1)];
            double b = xs[Math.min(xs.length - 1, i + 1)];
            best = Math.max(best, Math.max(es[i], goldenMax(x -> error(sign, x), a, b)));
        }
        return best;
    }

    /** Golden-section search for the max of a function that is unimodal on [a, b]. */
    static double goldenMax(DoubleUnaryOperator f, double a, double b) {
        final double r = (Math.sqrt(5) - 1) / 2;
        double c = b - r * (b - a);
        double d = a + r * (b - a);
        double fc = f.applyAsDouble(c);
        double fd = f.applyAsDouble(d);
        for (int it = 0; it < 60 && b - a > 1e-15 * Math.max(1, Math.abs(b)); it++) {
            if (fc >= fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - r * (b - a);
                fc = f.applyAsDouble(c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + r * (b - a);
                fd = f.applyAsDouble(d);
            }
        }
        return Math.max(Math.max(fc, fd), Math.max(f.applyAsDouble(a), f.applyAsDouble(b)));
    }
}
