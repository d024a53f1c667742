package dev.sturdy.protocol.ops;

import static dev.sturdy.protocol.ops.MpcKit.randomLongs;
import static dev.sturdy.protocol.ops.MpcKit.share;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.approx.SignPolynomials;
import dev.sturdy.protocol.dealer.CorrelationRequest;
import dev.sturdy.protocol.ring.FixedPoint;
import dev.sturdy.protocol.ring.RingTensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a party learns from the openings (its share plus every share it receives, per exchange)
 * looks uniform whatever the secret, for every kind of opening: Beaver openings of a product (TRIPLE), the
 * dealer-assisted truncation's y = x + 2^62 + r (TRUNC), exact ReLU's edaBit opening
 * c = x + 2^62 + r, its comparison-tree AND openings and final bit (EDABIT, BIT_AND, BIT_INJECT),
 * and AppReLU's scaling truncation plus the opened terms of the polynomial plan (MASK,
 * MASK_PRODUCT). For two very different secrets, the top 4 bits of every opened ring element
 * (or XOR-opened word) pass a chi-square test for uniformity, and the two views are
 * indistinguishable by a two-sample chi-square test.
 */
class ViewIndependenceTest {
    private static final int LEN = 1 << 14, BINS = 16, F = 20;
    /**
     * Chi-square with 15 degrees of freedom: P(chi2 > 55) = 1.8e-6, so the 48 checks of this
     * class flake about once in 12,000 runs; a leak (an unmasked value: a constant, a
     * sign bit) piles thousands of elements into one bin and gives chi2 in the 10^4 to 10^5s.
     */
    private static final double CRITICAL = 55.0;
    private static final FixedPoint FP = new FixedPoint(F);

    /** A secure program on this party's shares of the secret x and of an independent random secret y. */
    @FunctionalInterface
    interface Program {
        RingTensor run(SecureOps ops, RingTensor x, RingTensor y);
    }

    /** The programs whose openings are tested. */
    enum Opening {
        BEAVER((ops, x, y) -> ops.mul(x, y)),
        DEALER_TRUNCATION((ops, x, y) -> ops.truncate(x, F, TruncationMode.DEALER)),
        EXACT_RELU((ops, x, y) -> ExactRelu.relu(ops, x)),
        APP_RELU((ops, x, y) -> new SecureAppRelu(SignPolynomials.forBeta(9), 25).apply(ops, x,
                ops.session().truncation()));

        final Program program;

        Opening(Program program) {
            this.program = program;
        }
    }

    private static long[] histogramOfView(Opening opening, int n, double secret) {
        long[] xv = new long[LEN];
        Arrays.fill(xv, FP.encode(secret));
        RingTensor[] xs = share(new RingTensor(xv, LEN), n);
        RingTensor[] ys = share(new RingTensor(randomLongs(LEN), LEN), n);
        TruncationMode mode = TruncationMode.defaultFor(n);
        Program program = opening.program;
        List<CorrelationRequest> plan = CorrelationPlanner.plan(n, FP, mode, ops -> program.run(ops, xs[0], ys[0]));
        List<List<long[]>> views = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            views.add(null);
        }
        MpcKit.run(n, mode, F, plan, ops -> {
            int id = ops.session().id();
            program.run(ops, xs[id], ys[id]);
            synchronized (views) {
                views.set(id, ((RecordingNetwork) ops.session().net()).opened);
            }
            return null;
        }, RecordingNetwork::new, Duration.ofSeconds(60));
        long[] h = new long[BINS];
        for (long[] msg : views.get(1)) {
            for (long v : msg) {
                h[(int) (v >>> 60)]++;
            }
        }
        return h;
    }

    private static double chiSquareUniform(long[] h) {
        long total = Arrays.stream(h).sum();
        double e = total / (double) BINS, chi = 0;
        for (long c : h) {
            chi += (c - e) * (c - e) / e;
        }
        return chi;
    }

    private static double chiSquareTwoSample(long[] a, long[] b) {
        double chi = 0;
        for (int i = 0; i < BINS; i++) {
            if (a[i] + b[i] > 0) {
                chi += (double) (a[i] - b[i]) * (a[i] - b[i]) / (a[i] + b[i]);
            }
        }
        return chi;
    }

    @ParameterizedTest(name = "{0}, {1} parties")
    @CsvSource({"BEAVER,2", "BEAVER,3", "DEALER_TRUNCATION,2", "DEALER_TRUNCATION,3", "EXACT_RELU,2", "EXACT_RELU,3",
        "APP_RELU,2", "APP_RELU,3"})
    void openedValuesLookTheSameForTwoDifferentSecrets(Opening opening, int n) {
        // 0 and a large negative value inside AppReLU's bound (25): different signs, magnitudes, branches
        long[] zero = histogramOfView(opening, n, 0), other = histogramOfView(opening, n, -17.3);
        long total = Arrays.stream(zero).sum();
        assertEquals(total, Arrays.stream(other).sum(), "the view's size must not depend on the secret");
        assertTrue(total >= LEN, opening + ": party 1 saw only " + total + " opened elements");
        assertTrue(chiSquareUniform(zero) < CRITICAL, opening + ", secret 0: chi2 " + chiSquareUniform(zero));
        assertTrue(chiSquareUniform(other) < CRITICAL, opening + ", secret -17.3: chi2 " + chiSquareUniform(other));
        assertTrue(chiSquareTwoSample(zero, other) < CRITICAL, opening + ": two-sample chi2 "
                + chiSquareTwoSample(zero, other));
    }
}
