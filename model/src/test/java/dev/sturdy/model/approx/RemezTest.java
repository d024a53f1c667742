package dev.sturdy.model.approx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.TestData;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RemezTest {

    /**
     * Chebyshev alternation: on a dense grid the error p - 1 (evaluated exactly from the double
     * coefficients, in BigDecimal) has (d + 3) / 2 local extrema of alternating sign whose magnitudes
     * equal the reported minimax error.
     */
    @ParameterizedTest
    @CsvSource({"3, 0.15625, 1", "7, 0.05, 1", "15, 0.0253906, 1", "13, 0.001, 1", "7, 0.4, 1.6", "15, 0.9, 1.1",
        "27, 0.43, 1.57"})
    void errorEquioscillates(int degree, double a, double b) {
        Remez.Result r = Remez.sign(degree, a, b);
        int n = 100_000;
        List<Double> extrema = new ArrayList<>();
        double runMax = 0;
        double runSign = 0;
        for (int i = 0; i <= n; i++) {
            // Grid denser near a, where the ripples of p1 crowd.
            double s = (double) i / n;
            double x = a + (b - a) * s * s;
            double e = exact(r.polynomial(), x) - 1;
            if (Math.signum(e) != runSign && runSign != 0) {
                extrema.add(runMax);
                runMax = 0;
            }
            runSign = Math.signum(e);
            runMax = Math.max(runMax, Math.abs(e));
        }
        extrema.add(runMax);
        // Storing the coefficients in double moves p by up to one unit of roundoff per term.
        double representation = 0;
        double[] c = r.polynomial().oddCoefficients();
        for (int i = 0; i < c.length; i++) {
            representation += Math.abs(c[i]) * Math.pow(b, 2 * i + 1) * Math.ulp(1.0);
        }
        double above = 1e-9 * r.error() + representation;
        // A grid sample can sit slightly below the true peak it belongs to.
        double below = 1e-6 * r.error() + representation;
        assertEquals((degree + 3) / 2, extrema.size(), "alternations of p - 1");
        for (double e : extrema) {
            assertTrue(e <= r.error() + above && e >= r.error() - below,
                    "extremum " + e + " vs reported error " + r.error());
        }
    }

    /**
     * approxCNN's p1 is the minimax on [eps, 1] with eps recovered from p1 alone: at the right end
     * |p1(1) - 1| is the ripple level E, and eps is where p1 first reaches 1 - E (bisection); this
     * gives eps = M 2^-B with integer M (the note's table). Our Remez reproduces p1 from (d1, eps).
     * Their later components are near-minimax on [1 - tau, 1 + tau] of the previous error: ours
     * agree to 1e-4 and are at least as good (smaller max error on the same interval).
     */
    @ParameterizedTest
    @CsvSource({"6, 10", "7, 11", "8, 12", "9, 13", "10, 13", "11, 15", "12, 15", "13, 16", "14, 17"})
    void reproducesApproxCnnComponents(int beta, int expectedM) throws IOException {
        CompositeSign reference = SignPolynomials.loadApproxCnn(TestData.shared("reference/approxcnn-sign-polys"), beta);
        OddPolynomial p1 = reference.components().get(0);
        double level = Math.abs(p1.evaluate(1) - 1);
        double lo = 0;
        double hi = 1;
        for (int i = 1; i <= 100_000; i++) {
            if (p1.evaluate(i / 1e5) >= 1 - level) {
                lo = (i - 1) / 1e5;
                hi = i / 1e5;
                break;
            }
        }
        for (int it = 0; it < 100; it++) {
            double mid = (lo + hi) / 2;
            if (p1.evaluate(mid) >= 1 - level) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        assertEquals(expectedM, hi * Math.scalb(1.0, beta), 1e-6, "fitted M");

        double a = expectedM * Math.scalb(1.0, -beta);
        double b = 1;
        for (int k = 0; k < reference.components().size(); k++) {
            OddPolynomial theirs = reference.components().get(k);
            Remez.Result ours = Remez.sign(theirs.degree(), a, b);
            assertCoefficientsClose(theirs.oddCoefficients(), ours.polynomial().oddCoefficients(), k == 0 ? 1e-12 : 1e-4);
            double theirError = maxError(theirs, a, b);
            double ourError = maxError(ours.polynomial(), a, b);
            assertTrue(ourError <= theirError * (1 + 1e-9), "component " + (k + 1) + ": ours " + ourError + " > theirs " + theirError);
            a = 1 - ours.error();
            b = 1 + ours.error();
        }
    }

    private static double exact(OddPolynomial p, double x) {
        BigDecimal bx = new BigDecimal(x);
        BigDecimal x2 = bx.multiply(bx);
        double[] c = p.oddCoefficients();
        BigDecimal acc = BigDecimal.ZERO;
        for (int i = c.length - 1; i >= 0; i--) {
            acc = acc.multiply(x2, MathContext.DECIMAL128).add(new BigDecimal(c[i]));
        }
        return acc.multiply(bx).doubleValue();
    }

    private static double maxError(OddPolynomial p, double a, double b) {
        double max = 0;
        for (int i = 0; i <= 200_000; i++) {
            max = Math.max(max, Math.abs(p.evaluate(a + (b - a) * i / 200_000.0) - 1));
        }
        return max;
    }

    private static void assertCoefficientsClose(double[] expected, double[] actual, double relative) {
        assertEquals(expected.length, actual.length);
        double scale = 0;
        for (double c : expected) {
            scale = Math.max(scale, Math.abs(c));
        }
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(expected[i] - actual[i]) <= relative * scale,
                    "c" + (2 * i + 1) + ": expected " + expected[i] + ", got " + actual[i]);
        }
    }
}
