package dev.sturdy.model.approx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Remez exchange for the odd minimax approximation of sgn on a positive interval [a, b], i.e. of the
 * constant 1 there, in the odd basis x, x^3, ..., x^d.
 *
 * <p>Conditioning: the power basis is hopeless here (coefficients reach 1e5 with alternating signs), so
 * the iteration works with p(x) = x q(x^2) and q in the Chebyshev basis of t = x^2 on [a^2, b^2]. On
 * the interval that basis is well conditioned and plain doubles suffice up to degree 63; only the
 * final conversion to power-basis coefficients is done in double-double and rounded once.
 */
public final class Remez {

    /** The minimax polynomial and its error max |p(x) - 1| over [a, b] (measured at the final extrema). */
    public record Result(OddPolynomial polynomial, double error) {
    }

    private static final double RELATIVE_RIPPLE = 1e-12;
    private static final int MAX_ITERATIONS = 60;
    private static final int SAMPLES_PER_GAP = 24;

    private final int n;
    private final double a;
    private final double b;
    private final double ta;
    private final double tb;
    private double[] g;

    private Remez(int degree, double a, double b) {
        if (degree < 1 || degree % 2 == 0) {
            throw new IllegalArgumentException("degree must be odd and positive, got " + degree);
        }
        if (!(a > 0 && b > a && Double.isFinite(b))) {
            throw new IllegalArgumentException("need 0 < a < b, got [" + a + ", " + b + "]");
        }
        this.n = (degree + 1) / 2;
        this.a = a;
        this.b = b;
        this.ta = a * a;
        this.tb = b * b;
    }

    /**
     * The odd polynomial of the given degree minimising max |p(x) - 1| over [a, b], 0 < a < b.
     *
     * @throws IllegalStateException when the problem is beyond doubles (an interval so narrow that the
     *     minimax error is below rounding and the exchange loses alternation)
     */
    public static Result sign(int degree, double a, double b) {
        return new Remez(degree, a, b).run();
    }

    private Result run() {
        double[] ref = new double[n + 1];
        for (int j = 0; j <= n; j++) {
            // Chebyshev extrema in t = x^2: dense near a, where the error of p1 oscillates fastest.
            double t = (ta + tb) / 2 - (tb - ta) / 2 * Math.cos(Math.PI * j / n);
            ref[j] = Math.sqrt(t);
        }
        ref[0] = a;
        ref[n] = b;
        double error = Double.NaN;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            g = solve(ref);
            if (!Arrays.stream(g).allMatch(Double::isFinite)) {
                throw new IllegalStateException("Remez system singular (degree " + (2 * n - 1) + " on ["
                        + a + ", " + b + "]): the interval is too narrow for doubles");
            }
            double[] next = extrema(ref);
            double max = 0;
            double min = Double.POSITIVE_INFINITY;
            for (double x : next) {
                double e = Math.abs(err(x));
                max = Math.max(max, e);
                min = Math.min(min, e);
            }
            error = max;
            ref = next;
            if (max - min <= RELATIVE_RIPPLE * max + noiseFloor()) {
                break;
            }
        }
        return new Result(new OddPolynomial(powerCoefficients()), error);
    }

    /** Rounding noise of evaluating p(x) - 1 in doubles; below it equal ripple cannot be resolved. */
    private double noiseFloor() {
        double sum = 0;
        for (double c : g) {
            sum += Math.abs(c);
        }
        return 8 * Math.ulp(1.0) * (1 + b * sum);
    }

    private double chebVariable(double x) {
        return (2 * x * x - ta - tb) / (tb - ta);
    }

    /** p(x) - 1 with the current coefficients (Clenshaw). */
    private double err(double x) {
        double s = chebVariable(x);
        double b1 = 0;
        double b2 = 0;
        for (int k = n - 1; k >= 1; k--) {
            double t = 2 * s * b1 - b2 + g[k];
            b2 = b1;
            b1 = t;
        }
        return x * (s * b1 - b2 + g[0]) - 1;
    }

    /** Solves sum_k g_k x_j T_k(s(x_j^2)) + (-1)^j E = 1 at the n + 1 reference points; returns g. */
    private double[] solve(double[] ref) {
        int m = n + 1;
        double[][] mat = new double[m][m + 1];
        for (int j = 0; j < m; j++) {
            double s = chebVariable(ref[j]);
            double tPrev = 1;
            double tCur = s;
            for (int k = 0; k < n; k++) {
                mat[j][k] = ref[j] * (k == 0 ? 1 : tCur);
                if (k >= 1) {
                    double tNext = 2 * s * tCur - tPrev;
                    tPrev = tCur;
                    tCur = tNext;
                }
            }
            mat[j][n] = j % 2 == 0 ? 1 : -1;
            mat[j][m] = 1;
        }
        double[] sol = LinearSolve.gaussian(mat);
        return Arrays.copyOf(sol, n);
    }

    /**
     * New reference: on a grid refined between the current reference points, one extremum of |p - 1|
     * per run of equal sign, located by golden section, trimmed at the ends to n + 1 alternating points.
     */
    private double[] extrema(double[] ref) {
        // Knots: a, the reference points and b, so that the ends are sampled even when no reference point sits there.
        double[] knots = new double[ref.length + 2];
        knots[0] = a;
        System.arraycopy(ref, 0, knots, 1, ref.length);
        knots[knots.length - 1] = b;
        List<Double> grid = new ArrayList<>();
        for (int j = 0; j < knots.length - 1; j++) {
            if (knots[j + 1] > knots[j]) {
                for (int i = 0; i < SAMPLES_PER_GAP; i++) {
                    grid.add(knots[j] + (knots[j + 1] - knots[j]) * i / SAMPLES_PER_GAP);
                }
            }
        }
        grid.add(b);
        int size = grid.size();
        double[] xs = new double[size];
        double[] es = new double[size];
        for (int i = 0; i < size; i++) {
            xs[i] = grid.get(i);
            es[i] = err(xs[i]);
        }
        List<Double> points = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        int start = 0;
        while (start < size) {
            int end = start;
            int best = start;
            while (end + 1 < size && Math.signum(es[end + 1]) == Math.signum(es[start])) {
                end++;
                if (Math.abs(es[end]) > Math.abs(es[best])) {
                    best = end;
                }
            }
            double lo = xs[Math.max(0, best - 1)];
            double hi = xs[Math.min(size - 1, best + 1)];
            double x = argMaxAbs(lo, hi, xs[best]);
            points.add(x);
            values.add(Math.abs(err(x)));
            start = end + 1;
        }
        while (points.size() > n + 1) {
            int drop = values.get(0) < values.get(values.size() - 1) ? 0 : points.size() - 1;
            points.remove(drop);
            values.remove(drop);
        }
        if (points.size() < n + 1) {
            throw new IllegalStateException("Remez lost alternation (degree " + (2 * n - 1)
                    + " on [" + a + ", " + b + "]): " + points.size() + " extrema for " + (n + 1) + " points");
        }
        return points.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Golden section for max |p - 1| on [lo, hi]; keeps the grid point if it is better. */
    private double argMaxAbs(double lo, double hi, double gridBest) {
        final double r = (Math.sqrt(5) - 1) / 2;
        double c = hi - r * (hi - lo);
        double d = lo + r * (hi - lo);
        double fc = Math.abs(err(c));
        double fd = Math.abs(err(d));
        for (int it = 0; it < 80 && hi - lo > 4 * Math.ulp(hi); it++) {
            if (fc >= fd) {
                hi = d;
                d = c;
                fd = fc;
                c = hi - r * (hi - lo);
                fc = Math.abs(err(c));
            } else {
                lo = c;
                c = d;
                fc = fd;
                d = lo + r * (hi - lo);
                fd = Math.abs(err(d));
            }
        }
        double best = gridBest;
        for (double x : new double[] {lo, hi, c, d}) {
            if (Math.abs(err(x)) > Math.abs(err(best))) {
                best = x;
            }
        }
        return best;
    }

    /**
     * c1, c3, ... of x q(x^2): q's Chebyshev series expanded in powers of t in double-double (the
     * expansion cancels heavily), rounded once to double.
     */
    private double[] powerCoefficients() {
        DoubleDouble width = DoubleDouble.of(tb).subtract(DoubleDouble.of(ta));
        DoubleDouble alpha = DoubleDouble.of(2).divide(width);
        DoubleDouble beta = DoubleDouble.of(ta).add(DoubleDouble.of(tb)).negate().divide(width);
        // Chebyshev recurrence on polynomials in t: T_{k+1} = 2 s T_k - T_{k-1}, s = alpha t + beta.
        DoubleDouble[] prev = constant(DoubleDouble.ONE);
        DoubleDouble[] cur = constant(beta);
        if (n > 1) {
            cur[1] = alpha;
        }
        DoubleDouble[] q = constant(DoubleDouble.ZERO);
        addScaled(q, prev, g[0]);
        if (n > 1) {
            addScaled(q, cur, g[1]);
        }
        for (int k = 2; k < n; k++) {
            DoubleDouble[] next = constant(DoubleDouble.ZERO);
            for (int i = 0; i < n; i++) {
                DoubleDouble twice = cur[i].add(cur[i]);
                next[i] = next[i].add(twice.multiply(beta)).subtract(prev[i]);
                if (i + 1 < n) {
                    next[i + 1] = next[i + 1].add(twice.multiply(alpha));
                }
            }
            prev = cur;
            cur = next;
            addScaled(q, cur, g[k]);
        }
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = q[i].value();
            if (!Double.isFinite(c[i])) {
                throw new IllegalStateException("power-basis coefficients of degree " + (2 * n - 1)
                        + " on [" + a + ", " + b + "] overflow a double");
            }
        }
        return c;
    }

    private DoubleDouble[] constant(DoubleDouble value) {
        DoubleDouble[] p = new DoubleDouble[n];
        Arrays.fill(p, DoubleDouble.ZERO);
        p[0] = value;
        return p;
    }

    private static void addScaled(DoubleDouble[] acc, DoubleDouble[] p, double scale) {
        DoubleDouble s = DoubleDouble.of(scale);
        for (int i = 0; i < acc.length; i++) {
            acc[i] = acc[i].add(p[i].multiply(s));
        }
    }
}
