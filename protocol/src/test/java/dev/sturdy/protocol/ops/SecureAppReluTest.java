package dev.sturdy.protocol.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.approx.AppMax;
import dev.sturdy.model.approx.AppRelu;
import dev.sturdy.model.approx.CompositeSign;
import dev.sturdy.model.approx.SignPolynomials;
import dev.sturdy.protocol.dealer.CorrelationKind;
import dev.sturdy.protocol.dealer.CorrelationRequest;
import dev.sturdy.protocol.ring.FixedPoint;
import dev.sturdy.protocol.ring.RingTensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Secure AppReLU and AppMax vs the double-precision functions of the model module, and their traffic. */
class SecureAppReluTest {
    private static final double BOUND = 50;
    private static final int N = 2001;

    /** f per B as the plan's javadoc recommends. */
    static int bitsFor(int beta) {
        return beta <= 8 ? 16 : beta <= 10 ? 20 : 24;
    }

    private static double[] spread() {
        double[] z = new double[N];
        for (int i = 0; i < N; i++) {
            z[i] = -BOUND + 2 * BOUND * i / (N - 1);
        }
        return z;
    }

    @ParameterizedTest(name = "B={0} parties={1} {2} f={3}")
    @CsvSource({"6,2,LOCAL,16", "7,2,LOCAL,16", "8,2,LOCAL,16", "9,2,LOCAL,16", "10,2,LOCAL,16",
            "6,3,DEALER,16", "7,2,DEALER,16", "8,3,DEALER,16", "9,2,DEALER,20", "10,3,DEALER,20",
            "11,2,DEALER,24", "12,3,DEALER,24", "13,2,DEALER,24", "14,3,DEALER,24", "14,2,DEALER,24"})
    void appReluIsWithinAQuarterOfThePrecisionBudget(int beta, int parties, TruncationMode mode, int f) {
        CompositeSign sign = SignPolynomials.forBeta(beta);
        SecureAppRelu relu = new SecureAppRelu(sign, BOUND);
        double[] z = spread();
        double[] got = runOnShares(parties, mode, f, z, ops -> x -> relu.apply(ops, x, mode));
        double worst = 0;
        for (int i = 0; i < N; i++) {
            worst = Math.max(worst, Math.abs(got[i] - AppRelu.apply(z[i], BOUND, sign)));
        }
        double budget = Math.scalb(BOUND, -(beta + 2));
        assertTrue(worst <= budget, "max error " + worst + " > budget " + budget);
    }

    @ParameterizedTest(name = "B={0} parties={1} {2}")
    @CsvSource({"8,2,LOCAL,16", "9,3,DEALER,20", "12,2,DEALER,24"})
    void appMaxMatchesTheDoubleAppMax(int beta, int parties, TruncationMode mode, int f) {
        CompositeSign sign = SignPolynomials.forBeta(beta);
        SecureAppMax max = new SecureAppMax(sign, BOUND, 2);
        AppMax reference = new AppMax(sign, BOUND, 2);
        double[] a = spread();
        double[] b = new double[N];
        for (int i = 0; i < N; i++) {
            b[i] = BOUND * Math.sin(i * 0.37);
        }
        double[] both = new double[2 * N];
        System.arraycopy(a, 0, both, 0, N);
        System.arraycopy(b, 0, both, N, N);
        double[] got = runOnShares(parties, mode, f, both, ops -> ab -> {
            long[] d = ab.data();
            RingTensor x = new RingTensor(java.util.Arrays.copyOfRange(d, 0, N), N);
            RingTensor y = new RingTensor(java.util.Arrays.copyOfRange(d, N, 2 * N), N);
            return max.max(ops, x, y, mode);
        });
        double worst = 0;
        for (int i = 0; i < N; i++) {
            worst = Math.max(worst, Math.abs(got[i] - reference.max(a[i], b[i])));
        }
        // a few fixed-point ulps beyond the double evaluation, amplified by 1 / s ~ 2 bound
        assertTrue(worst <= reference.errorBound() / 4, "max error " + worst);
    }

    @ParameterizedTest(name = "B={0} parties={1} {2}")
    @CsvSource({"8,2,LOCAL,16", "9,3,DEALER,20", "12,2,DEALER,24", "10,2,DEALER,20"})
    void communicationFollowsThePlan(int beta, int parties, TruncationMode mode, int f) {
        SecureAppRelu relu = new SecureAppRelu(SignPolynomials.forBeta(beta), BOUND);
        int n = 1000;
        List<CorrelationRequest> plan = CorrelationPlanner.plan(parties, new FixedPoint(f), mode,
                ops -> relu.apply(ops, RingTensor.zeros(n), mode));
        MpcKit.Result<long[]> r = MpcKit.run(parties, mode, f, plan, ops -> {
            relu.apply(ops, RingTensor.zeros(n), mode);
            var total = ops.session().cost().report().total();
            return new long[] {total.rounds(), total.bytesSent()};
        });
        var p = relu.plan().plan();
        // each operand term is opened once, however many products it enters
        java.util.Set<Integer> operands = new java.util.HashSet<>();
        p.roundList().forEach(round -> round.products().forEach(q -> {
            operands.add(q.left());
            operands.add(q.right());
        }));
        assertTrue(operands.size() < p.openings());
        int expectedRounds = mode == TruncationMode.LOCAL ? p.rounds() + 1 : relu.rounds(mode);
        int openings = mode == TruncationMode.LOCAL ? operands.size() + 1 : relu.openingsPerElement(mode);
        for (long[] v : r.outputs()) {
            assertEquals(expectedRounds, v[0]);
            assertEquals((long) openings * n * 8 * (parties - 1), v[1]);
        }
        long dealerSent = r.dealerTraffic().totalBytesSent();
        long expectedDealer = 0;
        for (CorrelationRequest q : plan) {
            expectedDealer += 8L * q.correctionLength();
        }
        assertEquals(expectedDealer, dealerSent);
        // one mask product per product; per DEALER truncation (the scaling included, by its own number
        // of bits t) n of r >>> t and n msb corrections of t bits, 64 / t to a word
        long products = (long) p.mults() * n;
        long truncations = 0, truncationWords = 0;
        for (CorrelationRequest q : plan) {
            if (q.kind() == CorrelationKind.TRUNC) {
                assertEquals(n, q.dims()[0]);
                int perWord = 64 / q.dims()[1];
                truncations++;
                truncationWords += n + (n + perWord - 1) / perWord;
            }
        }
        assertEquals(openings - operands.size(), truncations);
        assertEquals(8 * (products + truncationWords), dealerSent);
    }

    private static double[] runOnShares(int parties, TruncationMode mode, int f, double[] values,
                                        Function<SecureOps, Function<RingTensor, RingTensor>> program) {
        FixedPoint fp = new FixedPoint(f);
        int n = values.length;
        RingTensor[] shares = MpcKit.share(fp.encode(values, n), parties);
        List<CorrelationRequest> plan = CorrelationPlanner.plan(parties, fp, mode,
                ops -> program.apply(ops).apply(RingTensor.zeros(n)));
        MpcKit.Result<RingTensor> r = MpcKit.run(parties, mode, f, plan,
                ops -> program.apply(ops).apply(shares[ops.session().id()]));
        return fp.decode(MpcKit.reconstruct(r.outputs()));
    }
}
