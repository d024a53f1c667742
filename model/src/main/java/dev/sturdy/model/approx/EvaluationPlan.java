package dev.sturdy.model.approx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How the secure protocol evaluates AppReLU for a composite sign: which secret-by-secret products in
 * which rounds, and which linear combinations with public coefficients in between.
 *
 * <p>Terms are secret values indexed in creation order; term 0 is the scaled input x = z / bound
 * (a public scaling the protocol applies first), and {@link #output()} is AppReLU(z) / bound, which
 * the protocol scales back by bound (exactly, when bound is an integer).
 *
 * <p>Stability in fixed point. Power-basis coefficients of later components reach 1e5 with
 * alternating signs, so the plan never uses them. Component i is evaluated in the Chebyshev basis
 * of its input range [-R, R] (R = 1 for p1, then the largest |p_{i-1}| on the previous range, about
 * 1 + tau): u = y / R, then T_1 = u, T_{2^r} = 2 T_{2^(r-1)}^2 - 1 (a square) and, for odd k between
 * 2^(r-1) and 2^r, T_k = 2 T_m T_{k-m} - T_{2m-k} with m = 2^(r-1) (a product), all in round r;
 * every term stays in [-1, 1] and the Chebyshev coefficients are O(1). The component's output,
 * already divided by the next R, is one public linear combination of its odd T_k. Per component of
 * degree d that is ceil(log2(d + 1)) rounds, floor(log2 d) squares and (d - 1) / 2 products; the
 * final x * sign product adds one round and one product, and AppReLU / bound = (x + x * sign) / 2.
 *
 * <p>Ring headroom: all values stay below ~2 in magnitude (x, u, T_k, the outputs, the public
 * coefficients), so a product before truncation is below 2^(2f + 2); at f = 24 that is 2^50. The
 * input scaling z * (1 / bound) is the exception by design (see {@link #simulate}): below 2^55.
 *
 * <p>Measured with {@link #simulate} (truncation after every product and every public-coefficient
 * product) on the shipped polynomials at bound 50, max |simulate - AppRelu.apply| over |z| <= bound
 * as a fraction of the budget 2^-(B+2) bound; the worst case is always at |z| = bound, where the
 * composite is steepest:
 * <pre>
 *   B     6     7     8     9    10    11    12    13    14    15    16    17    18
 *   f=16 .017  .036  .098  .33   .53   5.8   3.7   13    220
 *   f=20 .001  .003  .006  .024  .033  .56   2.5   .85   3.1   46    3.2   13    900
 *   f=24  0     0    .001  .002  .002  .037  .18   .058  .25   .51   .25   1.4   2.8
 * </pre>
 * Recommended: f = 16 for B <= 8, 20 for B <= 10, 24 for B <= 16. From B = 17 on no f <= 28
 * suffices: the error is the input error amplified by the composite's slope at |x| = 1, the end of
 * p1's minimax interval (a p1 made on [eps, 1 + delta] halves it; not done).
 */
public final class EvaluationPlan {

    /** One secret-by-secret multiplication: terms[result] = terms[left] * terms[right]. */
    public record Product(int left, int right, int result) {
        /** A square needs one opened value with a square pair, a general product two with a Beaver triple. */
        public boolean isSquare() {
            return left == right;
        }
    }

    /** A local step with public coefficients: terms[result] = constant + sum coefficients[i] * terms[inputs[i]]. */
    public record Linear(int result, double constant, int[] inputs, double[] coefficients) {
    }

    /** One communication round: its products (all openings in one message), then local linear steps. */
    public record Round(List<Product> products, List<Linear> linear) {
    }

    /** Bits of the input scaling product z * (1 / bound) before truncation. */
    private static final int INPUT_PRODUCT_BITS = 55;

    private final List<String> names = new ArrayList<>();
    private final List<Linear> prologue = new ArrayList<>();
    private final List<Round> rounds = new ArrayList<>();
    private int output;

    private EvaluationPlan() {
    }

    public static EvaluationPlan forAppRelu(CompositeSign sign) {
        EvaluationPlan plan = new EvaluationPlan();
        int x = plan.term("x");
        int u = x;
        double range = 1;
        List<OddPolynomial> components = sign.components();
        for (int i = 0; i < components.size(); i++) {
            OddPolynomial p = components.get(i);
            double[] cheb = ChebyshevForm.oddCoefficients(p, range);
            boolean last = i == components.size() - 1;
            double nextRange = last ? 1 : ChebyshevForm.maxAbs(cheb);
            int[] t = plan.chebyshevTerms(u, p.degree(), "p" + (i + 1) + ".");
            int[] inputs = new int[cheb.length];
            double[] coefficients = new double[cheb.length];
            for (int j = 0; j < cheb.length; j++) {
                inputs[j] = t[2 * j + 1];
                coefficients[j] = cheb[j] / nextRange;
            }
            u = plan.term(last ? "sign" : "p" + (i + 2) + ".u");
            plan.lastLocalSteps().add(new Linear(u, 0, inputs, coefficients));
            range = nextRange;
        }
        int product = plan.term("x*sign");
        plan.output = plan.term("output");
        plan.rounds.add(new Round(List.of(new Product(x, u, product)),
                List.of(new Linear(plan.output, 0, new int[] {x, product}, new double[] {0.5, 0.5}))));
        return plan;
    }

    /** Where a local step on the latest terms goes: after the last round so far, or before the first. */
    private List<Linear> lastLocalSteps() {
        return rounds.isEmpty() ? prologue : rounds.get(rounds.size() - 1).linear;
    }

    /** Local steps before the first round (empty unless p1 has degree 1). */
    public List<Linear> prologue() {
        return Collections.unmodifiableList(prologue);
    }

    public List<Round> roundList() {
        return rounds.stream().map(r -> new Round(List.copyOf(r.products), List.copyOf(r.linear))).toList();
    }

    /** Communication rounds, the final x * sign product included. */
    public int rounds() {
        return rounds.size();
    }

    /** Secret-by-secret multiplications (squares and general products), the final one included. */
    public int mults() {
        return rounds.stream().mapToInt(r -> r.products.size()).sum();
    }

    /** Opened ring elements per evaluated activation: one per square, two per general product. */
    public int openings() {
        return rounds.stream().flatMap(r -> r.products.stream()).mapToInt(p -> p.isSquare() ? 1 : 2).sum();
    }

    public int termCount() {
        return names.size();
    }

    /** A readable name such as "p2.T7" or "x*sign". */
    public String termName(int term) {
        return names.get(term);
    }

    /** Term 0 is the input x = z / bound. */
    public int input() {
        return 0;
    }

    /** The term holding AppReLU(z) / bound. */
    public int output() {
        return output;
    }

    /**
     * AppReLU(z) as the protocol computes it in Z_2^64 with f fractional bits: values are encoded
     * as round(v 2^f); every product of two values and every product with a public coefficient
     * (itself encoded with f bits) wraps like the ring and is truncated by an arithmetic shift
     * (floor, within one unit of what a truncation protocol gives). x = z * (1 / bound) first, with
     * 1 / bound encoded with 55 - 2f extra bits (a product below 2^55, truncated by f + extra bits)
     * and rounded towards zero; the result is scaled by bound at the end, exactly when bound is an
     * integer. Inputs with |z| > bound leave the range the polynomials are made for.
     */
    public double simulate(double z, double bound, int fractionalBits) {
        if (fractionalBits < 1 || fractionalBits > 30) {
            throw new IllegalArgumentException("fractional bits must be in 1..30, got " + fractionalBits);
        }
        FixedPoint fp = new FixedPoint(fractionalBits);
        long[] terms = new long[names.size()];
        // The composite is steep at x = +-1, so the relative error of 1 / bound must be far below
        // 2^-f: it gets extra bits (the product stays below 2^55), rounded towards zero so that
        // |x| <= 1 for |z| <= bound (just outside [-1, 1] the composite diverges fast).
        int extra = Math.max(0, INPUT_PRODUCT_BITS - 2 * fractionalBits);
        long inverseBound = (long) Math.floor(Math.scalb(1 / bound, fractionalBits + extra));
        terms[0] = (fp.encode(z) * inverseBound) >> (fractionalBits + extra);
        apply(prologue, terms, fp);
        for (Round round : rounds) {
            for (Product p : round.products) {
                terms[p.result] = fp.multiply(terms[p.left], terms[p.right]);
            }
            apply(round.linear, terms, fp);
        }
        long result = bound == Math.rint(bound) ? terms[output] * (long) bound : fp.scale(terms[output], bound);
        return fp.decode(result);
    }

    private static void apply(List<Linear> steps, long[] terms, FixedPoint fp) {
        for (Linear step : steps) {
            long acc = fp.encode(step.constant);
            for (int i = 0; i < step.inputs.length; i++) {
                acc += fp.scale(terms[step.inputs[i]], step.coefficients[i]);
            }
            terms[step.result] = acc;
        }
    }

    /** Fixed point with f fractional bits in Z_2^64 (Java long arithmetic wraps like the ring). */
    private record FixedPoint(int f) {
        long encode(double v) {
            return Math.round(Math.scalb(v, f));
        }

        double decode(long v) {
            return Math.scalb((double) v, -f);
        }

        long multiply(long a, long b) {
            return (a * b) >> f;
        }

        /** Product with a public coefficient; integer coefficients are exact. */
        long scale(long a, double coefficient) {
            if (coefficient == Math.rint(coefficient) && Math.abs(coefficient) < 1 << 20) {
                return a * (long) coefficient;
            }
            return multiply(a, encode(coefficient));
        }
    }

    private int term(String name) {
        names.add(name);
        return names.size() - 1;
    }

    /** Adds the rounds computing T_1..T_degree from u (= T_1); returns term indices by Chebyshev index (odd and powers of two). */
    private int[] chebyshevTerms(int u, int degree, String prefix) {
        int[] t = new int[2 * degree + 1];
        t[1] = u;
        int depth = SignCost.depth(degree);
        for (int r = 1; r <= depth && degree > 1; r++) {
            List<Product> products = new ArrayList<>();
            List<Linear> linear = new ArrayList<>();
            int half = 1 << (r - 1);
            if ((1 << r) < degree) {
                int raw = term(prefix + "T" + half + "^2");
                products.add(new Product(t[half], t[half], raw));
                t[1 << r] = term(prefix + "T" + (1 << r));
                linear.add(new Linear(t[1 << r], -1, new int[] {raw}, new double[] {2}));
            }
            for (int k = half + 1; k < (1 << r) && k <= degree; k += 2) {
                if (k < 3) {
                    continue;
                }
                int raw = term(prefix + "T" + half + "*T" + (k - half));
                products.add(new Product(t[half], t[k - half], raw));
                t[k] = term(prefix + "T" + k);
                linear.add(new Linear(t[k], 0, new int[] {raw, t[2 * half - k]}, new double[] {2, -1}));
            }
            rounds.add(new Round(List.copyOf(products), linear));
        }
        return t;
    }
}
