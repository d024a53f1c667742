package dev.sturdy.model.approx;

import java.util.List;

/**
 * An odd composite polynomial pk o ... o p1 approximating sgn on [-1, 1] for AppReLU of precision
 * 2^-beta: max over x in [-1, 1] of |x (1 + p(x)) / 2 - ReLU(x)| is meant to be at most 2^-beta.
 */
public final class CompositeSign {

    private final int beta;
    private final double eps;
    private final List<OddPolynomial> components;

    /**
     * @param eps the p1 interval start (p1 is minimax for sgn on [eps, 1]); NaN when unknown
     * @param components p1 first (applied first)
     */
    public CompositeSign(int beta, double eps, List<OddPolynomial> components) {
        if (components.isEmpty()) {
            throw new IllegalArgumentException("a composite sign needs at least one component");
        }
        this.beta = beta;
        this.eps = eps;
        this.components = List.copyOf(components);
    }

    public int beta() {
        return beta;
    }

    /** Where p1's minimax interval [eps, 1] starts; NaN when unknown (e.g. polynomials loaded from files). */
    public double eps() {
        return eps;
    }

    /** p1 first. */
    public List<OddPolynomial> components() {
        return components;
    }

    public int[] degrees() {
        return components.stream().mapToInt(OddPolynomial::degree).toArray();
    }

    /** pk(...p1(x)). */
    public double evaluate(double x) {
        double y = x;
        for (OddPolynomial p : components) {
            y = p.evaluate(y);
        }
        return y;
    }

    @Override
    public String toString() {
        return "CompositeSign(B=" + beta + ", eps=" + eps + ", degrees=" + java.util.Arrays.toString(degrees()) + ")";
    }
}
