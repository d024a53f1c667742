package dev.sturdy.model.approx;

import java.util.Arrays;

/** An odd polynomial c1 x + c3 x^3 + ... + cd x^d given by its odd power-basis coefficients, ascending. */
public final class OddPolynomial {

    private final double[] coefficients;

    /** @param oddCoefficients c1, c3, c5, ... (at least one; the last one is the leading coefficient) */
    public OddPolynomial(double... oddCoefficients) {
        if (oddCoefficients.length == 0) {
            throw new IllegalArgumentException("an odd polynomial needs at least the coefficient of x");
        }
        for (double c : oddCoefficients) {
            if (!Double.isFinite(c)) {
                throw new IllegalArgumentException("coefficient " + c + " is not finite");
            }
        }
        this.coefficients = oddCoefficients.clone();
    }

    /** Horner in x^2: x (c1 + x^2 (c3 + x^2 (...))). */
    public double evaluate(double x) {
        double x2 = x * x;
        double acc = coefficients[coefficients.length - 1];
        for (int i = coefficients.length - 2; i >= 0; i--) {
            acc = acc * x2 + coefficients[i];
        }
        return acc * x;
    }

    public int degree() {
        return 2 * coefficients.length - 1;
    }

    /** c1, c3, ..., cd (a copy). */
    public double[] oddCoefficients() {
        return coefficients.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OddPolynomial p && Arrays.equals(coefficients, p.coefficients);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(coefficients);
    }

    @Override
    public String toString() {
        return "OddPolynomial(degree " + degree() + ", " + Arrays.toString(coefficients) + ")";
    }
}
