package dev.sturdy.model.approx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Chooses the composite sign polynomial for precision 2^-B, for the cost model of the secure
 * protocol ({@link ActivationPlan}): each component costs one opening and one round whatever its
 * degree, and the dealer sends about one ring element per unit of degree (the mask's powers).
 *
 * <p>What is minimised, in this order: (1) the number of components (rounds and opened bits per
 * activation); (2) the sum of the degrees (the dealer's powers); (3) the measured ReLU error.
 * Degrees stay at most {@link #MAX_DEGREE}: a component of degree d is evaluated exactly in 128
 * bits at coefficientBits + d * inputBits, so higher degrees would leave too few input bits
 * ({@link dev.sturdy.model.fixed.FixedPointPolicy#inputBits}).
 *
 * <p>Subject to: max over x in [-1, 1] of |x (1 + p(x)) / 2 - ReLU(x)| <= 2^-B, measured with the
 * power-basis Horner evaluation of {@link OddPolynomial}.
 *
 * <p>p1 is the minimax approximation of sgn on [eps, 1 + {@link #P1_OVERSHOOT}] rather than
 * [eps, 1]: a minimax polynomial is steep just outside its interval, so with the interval ending at
 * 1 the composite amplifies an input error near |x| = 1 some 10 to 70 times (measured: max x |p'(x)|
 * on [0, 1] of 8 to 74 for B = 9 composites), while with the overshoot it stays near 1; the
 * protocol's inputs carry a unit of truncation error, so this buys about five input bits for
 * about 2% of the ReLU error.
 *
 * <p>How: for eps = M 2^-B on a grid of M, a best-first search over degree sequences in cost order
 * (error chains from {@link MinimaxErrorTable}; prefixes dominated in cost and error are dropped).
 * A sequence whose tabulated final error is small enough is recomputed exactly (Remez per component,
 * dense ReLU-error scan); the first that meets the guarantee wins for that eps. After three failures
 * at one eps (the region near 0 is then too wide) the search moves to the next eps. Finally eps is
 * tuned by golden section around each winner to minimise the ReLU error, leaving a margin under 2^-B.
 *
 * <p>Each component's error is charged the rounding bound of its power-basis Horner evaluation in
 * doubles, so components with huge coefficients price themselves out, and the final error bounds
 * what doubles compute.
 */
public final class SignPolynomialSearch {

    private static final double M_MIN = 6;
    private static final double M_MAX = 26;
    private static final double M_STEP = 0.25;
    /** Fraction of 2^-B the search accepts; the tuned result lands lower. */
    private static final double ACCEPT = 0.999;
    /** Tabulated errors are interpolated: sequences this close to the target are checked exactly. */
    private static final double TABLE_SLACK = 1.05;
    private static final int FAILURES_PER_EPS = 3;
    private static final int SEARCH_SAMPLES = 10_000;
    /** Below this a further component cannot be resolved in doubles. */
    private static final double TAU_FLOOR = 1e-12;
    /** How far beyond 1 p1 is minimax (see the class comment). */
    static final double P1_OVERSHOOT = 0.05;
    /** The largest degree of a component. */
    static final int MAX_DEGREE = 7;
    /** The most components a composite may have. */
    private static final int MAX_COMPONENTS = 8;

    private final int beta;
    private final double target;
    private final MinimaxErrorTable table = MinimaxErrorTable.get();

    private SignPolynomialSearch(int beta) {
        this.beta = beta;
        this.target = Math.scalb(1.0, -beta);
    }

    /** The chosen composite sign for precision 2^-beta (2 <= beta <= 24). */
    public static CompositeSign best(int beta) {
        if (beta < 2 || beta > 24) {
            throw new IllegalArgumentException("B must be in 2..24, got " + beta);
        }
        return new SignPolynomialSearch(beta).run();
    }

    private record Cost(int components, int degrees) implements Comparable<Cost> {
        static final Cost ZERO = new Cost(0, 0);

        Cost plus(int degree) {
            return new Cost(components + 1, degrees + degree);
        }

        boolean atMost(Cost o) {
            return components <= o.components && degrees <= o.degrees;
        }

        @Override
        public int compareTo(Cost o) {
            return Comparator.comparingInt(Cost::components).thenComparingInt(Cost::degrees).compare(this, o);
        }
    }

    /** A degree sequence with its cost and tabulated final sign error (NaN until computed). */
    private record Prefix(int[] degrees, Cost cost, double tau) {
    }

    /** Exactly computed components and the sign error they leave on [eps, 1]. */
    private record Chain(List<OddPolynomial> components, double tau) {
    }

    private CompositeSign run() {
        Cost bestCost = null;
        List<CompositeSign> winners = new ArrayList<>();
        for (double m = M_MIN; m <= mMax(); m += M_STEP) {
            double eps = m * target;
            Chain chain = cheapestAt(eps, bestCost);
            if (chain == null) {
                continue;
            }
            Cost cost = costOf(degrees(chain));
            if (bestCost == null || cost.compareTo(bestCost) < 0) {
                bestCost = cost;
                winners.clear();
            }
            winners.add(new CompositeSign(beta, eps, chain.components));
        }
        if (bestCost == null) {
            throw new IllegalStateException("no degree sequence meets 2^-" + beta);
        }
        CompositeSign best = null;
        double bestError = Double.POSITIVE_INFINITY;
        for (CompositeSign candidate : tuneEps(winners)) {
            double error = AppRelu.measuredError(candidate);
            if (error < bestError) {
                bestError = error;
                best = candidate;
            }
        }
        return best;
    }

    /** M_MAX, or less where eps = M 2^-B would leave less than half of [0, 1] (small B). */
    private double mMax() {
        return Math.min(M_MAX, 0.5 / target);
    }

    private static Cost costOf(int[] degrees) {
        Cost c = Cost.ZERO;
        for (int d : degrees) {
            c = c.plus(d);
        }
        return c;
    }

    private static int[] degrees(Chain chain) {
        return chain.components.stream().mapToInt(OddPolynomial::degree).toArray();
    }

    /** Best-first search at a fixed eps; null when nothing of cost <= bound (if given) works. */
    private Chain cheapestAt(double eps, Cost bound) {
        PriorityQueue<Prefix> queue = new PriorityQueue<>(Comparator.comparing(Prefix::cost));
        queue.add(new Prefix(new int[0], Cost.ZERO, 1));
        List<Prefix> kept = new ArrayList<>();
        int failures = 0;
        while (!queue.isEmpty()) {
            Prefix prefix = queue.poll();
            if (bound != null && prefix.cost.compareTo(bound) > 0) {
                return null;
            }
            if (kept.stream().anyMatch(k -> k.cost.atMost(prefix.cost) && k.tau <= prefix.tau)) {
                continue;
            }
            kept.add(prefix);
            if (prefix.degrees.length > 0 && prefix.tau <= 2 * target * TABLE_SLACK) {
                Chain chain = chain(prefix.degrees, eps);
                if (chain != null && chain.tau <= 2 * target
                        && reluError(chain.components, SEARCH_SAMPLES) <= ACCEPT * target) {
                    return chain;
                }
                if (++failures == FAILURES_PER_EPS) {
                    return null;
                }
            }
            for (int d = 3; d <= MAX_DEGREE; d += 2) {
                Cost cost = prefix.cost.plus(d);
                double tau = tabulatedStep(prefix, d, eps);
                if (cost.components <= MAX_COMPONENTS && !Double.isNaN(tau)) {
                    int[] degrees = Arrays.copyOf(prefix.degrees, prefix.degrees.length + 1);
                    degrees[degrees.length - 1] = d;
                    queue.add(new Prefix(degrees, cost, tau));
                }
            }
        }
        return null;
    }

    /** Tabulated error after appending degree d; NaN when the component is unusable or does not help. */
    private double tabulatedStep(Prefix prefix, int d, double eps) {
        if (prefix.tau < TAU_FLOOR) {
            return Double.NaN;
        }
        // minimax on [eps, 1 + overshoot] errs as minimax on [eps / (1 + overshoot), 1] (scale x)
        double[] e = prefix.degrees.length == 0 ? table.first(d, eps / (1 + P1_OVERSHOOT)) : table.next(d, prefix.tau);
        double tau = e[0] + e[1];
        return tau < prefix.tau ? tau : Double.NaN;
    }

    /** The exact components of a degree sequence at eps; null when one is unusable (see {@link #extend}). */
    private Chain chain(int[] degrees, double eps) {
        Chain chain = new Chain(List.of(), 1);
        for (int i = 0; i < degrees.length && chain != null; i++) {
            chain = extend(chain, degrees[i], eps);
        }
        return chain;
    }

    /**
     * Appends the minimax of the given degree: p1 on [eps, 1 + overshoot], later ones on [1 - tau, 1 + tau] of the
     * previous error, which includes the rounding bound of the power-basis evaluation, so the next
     * interval covers what doubles compute. Null when it would not reduce the error or is beyond doubles.
     */
    private Chain extend(Chain chain, int degree, double eps) {
        boolean first = chain.components.isEmpty();
        if (chain.tau < TAU_FLOOR) {
            return null;
        }
        double lo = first ? eps : 1 - chain.tau;
        double hi = first ? 1 + P1_OVERSHOOT : 1 + chain.tau;
        Remez.Result r;
        try {
            r = Remez.sign(degree, lo, hi);
        } catch (IllegalStateException beyondDoubles) {
            return null;
        }
        double rounding = hornerRoundingBound(r.polynomial(), hi);
        double tau = r.error() + rounding;
        if (tau >= chain.tau) {
            return null;
        }
        List<OddPolynomial> components = new ArrayList<>(chain.components);
        components.add(r.polynomial());
        return new Chain(components, tau);
    }

    /** A bound on the rounding error of Horner in x^2 for |x| <= r: (degree + 1) units of roundoff times sum |c_i| r^(2i+1). */
    static double hornerRoundingBound(OddPolynomial p, double r) {
        double[] c = p.oddCoefficients();
        double sum = 0;
        double power = r;
        for (double ci : c) {
            sum += Math.abs(ci) * power;
            power *= r * r;
        }
        return c.length * Math.ulp(1.0) * sum;
    }

    private double reluError(List<OddPolynomial> components, int samples) {
        CompositeSign sign = new CompositeSign(beta, Double.NaN, components);
        return ReluErrorScan.maxError(sign::evaluate, 0, 1, samples);
    }

    /** Each winner and its eps tuned by golden section within a grid step, for the smallest ReLU error. */
    private List<CompositeSign> tuneEps(List<CompositeSign> winners) {
        List<CompositeSign> out = new ArrayList<>(winners);
        for (CompositeSign found : winners) {
            int[] degrees = found.degrees();
            double m = found.eps() / target;
            double lo = Math.log((m - M_STEP) * target);
            double hi = Math.log(Math.min(m + M_STEP, mMax()) * target);
            final double r = (Math.sqrt(5) - 1) / 2;
            double c = hi - r * (hi - lo);
            double d = lo + r * (hi - lo);
            double fc = tunedError(degrees, c);
            double fd = tunedError(degrees, d);
            for (int it = 0; it < 25; it++) {
                if (fc <= fd) {
                    hi = d;
                    d = c;
                    fd = fc;
                    c = hi - r * (hi - lo);
                    fc = tunedError(degrees, c);
                } else {
                    lo = c;
                    c = d;
                    fc = fd;
                    d = lo + r * (hi - lo);
                    fd = tunedError(degrees, d);
                }
            }
            double eps = Math.exp(fc <= fd ? c : d);
            Chain chain = chain(degrees, eps);
            if (chain != null) {
                out.add(new CompositeSign(beta, eps, chain.components));
            }
        }
        return out;
    }

    private double tunedError(int[] degrees, double logEps) {
        Chain chain = chain(degrees, Math.exp(logEps));
        return chain == null ? Double.POSITIVE_INFINITY : reluError(chain.components, SEARCH_SAMPLES);
    }
}
