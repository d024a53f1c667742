package dev.sturdy.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.approx.ActivationPlan;
import dev.sturdy.model.approx.SignPolynomials;
import dev.sturdy.model.fixed.FixedPointPolicy;
import dev.sturdy.protocol.correlation.Correlation;
import dev.sturdy.protocol.correlation.Dealer;
import dev.sturdy.protocol.correlation.PartyCorrelations;
import dev.sturdy.protocol.eval.CorrelationPlanner;
import dev.sturdy.protocol.net.LocalParties;
import dev.sturdy.protocol.prg.Prg;
import dev.sturdy.protocol.prg.Seed;
import dev.sturdy.protocol.prg.Seeds;
import dev.sturdy.protocol.sharing.AdditiveSharing;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
        SecureRandom rnd = new SecureRandom();
        long[][] shares = AdditiveSharing.split(enc, parties, new Prg(Seed.random(rnd)));
        int outRing = plan.outputScale() + 30;
        List<Correlation> list = CorrelationPlanner.plan(parties, s -> chain.apply(s, new Shared(new long[n], null, ring, scale, n), outRing));
        Seeds[] seeds = Seeds.local(parties, rnd);
        List<Shared> out = LocalParties.run(parties, Duration.ofMinutes(2), net -> {
            Session s = new Session(net, parties, new PartyCorrelations(net, seeds[net.id()].dealerSeed()));
            s.beginQuery(1);
            return chain.apply(s, new Shared(shares[net.id()], null, ring, scale, n), outRing);
        }, net -> {
            net.beginQuery(1);
            new Dealer(net, seeds[parties], Dealer.WeightMasks.NONE).serve(list);
        });
        double worst = 0;
        for (int i = 0; i < n; i++) {
            java.math.BigInteger sum = java.math.BigInteger.ZERO;
            for (Shared sh : out) {
                sum = sum.add(new java.math.BigInteger(Long.toUnsignedString(sh.hi()[i])).shiftLeft(64)
                        .add(new java.math.BigInteger(Long.toUnsignedString(sh.lo()[i]))));
            }
            sum = sum.mod(java.math.BigInteger.ONE.shiftLeft(outRing));
            if (sum.testBit(outRing - 1)) {
                sum = sum.subtract(java.math.BigInteger.ONE.shiftLeft(outRing));
            }
            double got = sum.doubleValue() / Math.pow(2, out.get(0).scale());
            double want = plan.simulate(u[i]);
            worst = Math.max(worst, Math.abs(got - want));
            if (i < 5) {
                System.out.println("u=" + u[i] + " got " + got + " want " + want + " relu " + Math.max(0, u[i]));
            }
        }
        System.out.println("B=" + beta + " worst " + worst + " plan " + plan);
        assertTrue(worst < Math.scalb(1.0, -10), "worst " + worst);
    }
}
