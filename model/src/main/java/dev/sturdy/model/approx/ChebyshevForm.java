package dev.sturdy.model.approx;

/**
 * The odd Chebyshev form of an odd polynomial on [-R, R]: p(R u) = sum_j g_j T_{2j+1}(u). On the
 * input range the g_j are O(1) even where the power-basis coefficients are 1e5 with alternating signs.
 */
final class ChebyshevForm {

    private static final int SAMPLES = 8192;

    private ChebyshevForm() {
    }

    /**
     * g_0, g_1, ... (for T_1, T_3, ...) by interpolation at d + 1 Chebyshev nodes; p is evaluated there
     * in double-double so the power basis costs no accuracy.
     */
    static double[] oddCoefficients(OddPolynomial p, double range) {
        int d = p.degree();
        int nodes = d + 1;
        double[] values = new double[nodes];
        for (int j = 0; j < nodes; j++) {
            double u = Math.cos(Math.PI * (j + 0.5) / nodes);
            values[j] = evaluateDoubleDouble(p, DoubleDouble.of(range).multiply(DoubleDouble.of(u)));
        }
        double[] g = new double[(d + 1) / 2];
        for (int i = 0; i < g.length; i++) {
            int k = 2 * i + 1;
            double sum = 0;
            for (int j = 0; j < nodes; j++) {
                sum += values[j] * Math.cos(k * Math.PI * (j + 0.5) / nodes);
            }
            g[i] = 2 * sum / nodes;
        }
        return g;
    }

    private static double evaluateDoubleDouble(OddPolynomial p, DoubleDouble x) {
        double[] c = p.oddCoefficients();
        DoubleDouble x2 = x.multiply(x);
        DoubleDouble acc = DoubleDouble.of(c[c.length - 1]);
        for (int i = c.length - 2; i >= 0; i--) {
            acc = acc.multiply(x2).add(DoubleDouble.of(c[i]));
        }
        return acc.multiply(x).value();
    }

    /** sum_j g_j T_{2j+1}(u) by Clenshaw in doubles. */
    static double evaluate(double[] g, double u) {
        double b1 = 0;
        double b2 = 0;
        for (int k = 2 * g.length - 1; k >= 1; k--) {
            double coefficient = k % 2 == 1 ? g[k / 2] : 0;
            double t = 2 * u * b1 - b2 + coefficient;
            b2 = b1;
            b1 = t;
        }
        return u * b1 - b2;
    }

    /** The largest |sum_j g_j T_{2j+1}(u)| over u in [-1, 1], sampled densely (odd, so over [0, 1]). */
    static double maxAbs(double[] g) {
        double max = 0;
        for (int i = 0; i <= SAMPLES; i++) {
            max = Math.max(max, Math.abs(evaluate(g, (double) i / SAMPLES)));
        }
        return max;
    }
}
