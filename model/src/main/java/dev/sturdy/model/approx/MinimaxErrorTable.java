package dev.sturdy.model.approx;

/**
 * Tabulated Remez errors that steer {@link SignPolynomialSearch}: for each odd degree, the minimax
 * error of p1 on [eps, 1] as a function of eps and of a later component on [1 - tau, 1 + tau] as a
 * function of tau, each with the rounding bound of its power-basis Horner evaluation, interpolated
 * linearly in log / logit coordinates. Only a guide: every sequence the search accepts is recomputed
 * exactly. Built once (a few seconds) and shared by all B.
 */
final class MinimaxErrorTable {

    private static final int POINTS = 121;
    private static final double LOG_EPS_MIN = Math.log(Math.scalb(1.0, -26));
    private static final double LOG_EPS_MAX = Math.log(0.5);
    private static final double LOGIT_MIN = -26;
    private static final double LOGIT_MAX = 28;

    /** [degree index][grid point]: log(error), log(rounding bound); NaN where Remez is beyond doubles. */
    private final double[][] firstError = new double[SignPolynomialSearch.MAX_DEGREE / 2 + 1][POINTS];
    private final double[][] firstRounding = new double[SignPolynomialSearch.MAX_DEGREE / 2 + 1][POINTS];
    private final double[][] nextError = new double[SignPolynomialSearch.MAX_DEGREE / 2 + 1][POINTS];
    private final double[][] nextRounding = new double[SignPolynomialSearch.MAX_DEGREE / 2 + 1][POINTS];

    private static final class Holder {
        static final MinimaxErrorTable INSTANCE = new MinimaxErrorTable();
    }

    static MinimaxErrorTable get() {
        return Holder.INSTANCE;
    }

    private MinimaxErrorTable() {
        for (int d = 3; d <= SignPolynomialSearch.MAX_DEGREE; d += 2) {
            for (int j = 0; j < POINTS; j++) {
                double eps = Math.exp(grid(LOG_EPS_MIN, LOG_EPS_MAX, j));
                fill(firstError, firstRounding, d, j, eps, 1);
                double tau = 1 / (1 + Math.exp(-grid(LOGIT_MIN, LOGIT_MAX, j)));
                fill(nextError, nextRounding, d, j, 1 - tau, 1 + tau);
            }
        }
    }

    private static double grid(double lo, double hi, int j) {
        return lo + (hi - lo) * j / (POINTS - 1);
    }

    private static void fill(double[][] error, double[][] rounding, int d, int j, double lo, double hi) {
        try {
            Remez.Result r = Remez.sign(d, lo, hi);
            error[d / 2][j] = Math.log(r.error());
            rounding[d / 2][j] = Math.log(SignPolynomialSearch.hornerRoundingBound(r.polynomial(), hi));
        } catch (IllegalStateException beyondDoubles) {
            error[d / 2][j] = Double.NaN;
            rounding[d / 2][j] = Double.NaN;
        }
    }

    /** {error, rounding bound} of p1 of degree d on [eps, 1]; NaNs outside the table or beyond doubles. */
    double[] first(int d, double eps) {
        return lookup(firstError[d / 2], firstRounding[d / 2], Math.log(eps), LOG_EPS_MIN, LOG_EPS_MAX);
    }

    /** {error, rounding bound} of a later component of degree d on [1 - tau, 1 + tau]. */
    double[] next(int d, double tau) {
        return lookup(nextError[d / 2], nextRounding[d / 2], Math.log(tau / (1 - tau)), LOGIT_MIN, LOGIT_MAX);
    }

    private static double[] lookup(double[] error, double[] rounding, double u, double lo, double hi) {
        double pos = (u - lo) / (hi - lo) * (POINTS - 1);
        if (!(pos >= 0 && pos <= POINTS - 1)) {
            return new double[] {Double.NaN, Double.NaN};
        }
        int j = Math.min((int) pos, POINTS - 2);
        double w = pos - j;
        return new double[] {
            Math.exp((1 - w) * error[j] + w * error[j + 1]),
            Math.exp((1 - w) * rounding[j] + w * rounding[j + 1])
        };
    }
}
