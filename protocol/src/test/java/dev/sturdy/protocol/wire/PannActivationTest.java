package dev.sturdy.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.approx.ActivationPlan;
import dev.sturdy.model.approx.SignPolynomials;
import dev.sturdy.model.fixed.FixedPointPolicy;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** AppReLU on shares against {@link ActivationPlan#simulate}, the plan's exact integer evaluation. */
class PannActivationTest {

    @ParameterizedTest(name = "{0} parties, B={1}")
    @CsvSource({"2,8", "3,9", "2,12"})
    void theChainComputesWhatThePlanSimulates(int parties, int beta) {
        ActivationPlan plan = ActivationPlan.of(SignPolynomials.forBeta(beta), FixedPointPolicy.DEFAULT);
        PannActivation chain = new PannActivation(plan);
        int n = 2000;
        int scale = 34;
        int ring = 42;
        double[] u = new double[n];
        long[] enc = new long[n];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < n; i++) {
            u[i] = i < 5 ? new double[] {-1, 1, 0, 0.5, -0.02}[i] : 2 * r.nextDouble() - 1;
            enc[i] = Math.round(Math.scalb(u[i], scale));
        }
        int outRing = plan.outputScale() + 30;
        List<Shared> out = InMemoryProgram.run(parties, ring, scale, new long[][] {enc}, (s, in) -> chain.apply(s, in[0], outRing));
        double worst = 0;
        for (int i = 0; i < n; i++) {
            BigInteger sum = InMemoryProgram.reconstruct(out, i, outRing);
            double got = sum.doubleValue() / Math.pow(2, out.get(0).scale());
            double want = plan.simulate(u[i]);
            worst = Math.max(worst, Math.abs(got - want));
        }
        System.out.println("B=" + beta + ": largest difference from the plan " + worst);
        // the chain's wires carry the parties' carries (a few units of 2^-18 to 2^-20) where the plan
        // floors exactly; measured largest differences 1.9e-5 (B=8), 3.5e-5 (B=9), 1.4e-5 (B=12),
        // against an approximation error of 2^-B (2e-4 at B=12)
        assertTrue(worst < Math.scalb(1.0, -13), "largest difference from the plan " + worst);
    }
}
