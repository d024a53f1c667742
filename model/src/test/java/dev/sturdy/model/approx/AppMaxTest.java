package dev.sturdy.model.approx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppMaxTest {

    @ParameterizedTest
    @CsvSource({"6, 2, 50", "9, 2, 50", "9, 3, 50", "12, 3, 100", "14, 2, 100", "20, 3, 50"})
    void pairwiseMaxWithinGuarantee(int beta, int kernel, double bound) {
        AppMax appMax = new AppMax(SignPolynomials.forBeta(beta), bound, kernel);
        double guarantee = Math.scalb(1.0, -beta) / appMax.scale();
        assertEquals(guarantee, appMax.errorBound(), 1e-15 * guarantee);
        int n = 400;
        double worst = 0;
        for (int i = -n; i <= n; i++) {
            for (int j = -n; j <= n; j++) {
                double a = bound * i / n;
                double b = bound * j / n;
                worst = Math.max(worst, Math.abs(appMax.max(a, b) - Math.max(a, b)));
            }
        }
        assertTrue(worst <= guarantee, "worst " + worst + " > " + guarantee);
    }

    /** approxCNN's scales: (1 - 4 2^-B) / (2 bound) for 2x2 windows, (1 - 6 2^-B) / (2 bound) for 3x3. */
    @ParameterizedTest
    @CsvSource({"8, 2, 4", "8, 3, 6", "12, 2, 4", "12, 3, 6"})
    void scaleFollowsApproxCnn(int beta, int kernel, int margins) {
        AppMax appMax = new AppMax(SignPolynomials.forBeta(beta), 50, kernel);
        assertEquals((1 - margins * Math.pow(2, -beta)) / 100, appMax.scale(), 1e-17);
    }
}
