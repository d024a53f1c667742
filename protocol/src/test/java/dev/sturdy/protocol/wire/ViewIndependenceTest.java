package dev.sturdy.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.approx.ActivationPlan;
import dev.sturdy.model.approx.SignPolynomials;
import dev.sturdy.model.fixed.FixedPointPolicy;
import dev.sturdy.protocol.prg.Prg;
import dev.sturdy.protocol.prg.Seed;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a party learns looks uniform whatever the secret, for every kind of opening: the truncating
 * opening with its top bits and wrap bit, the rewire into the linear ring, the product of two
 * wires, exact ReLU's masked value, comparison tree and final bit, and the whole AppReLU chain. A
 * party's view is, per round, its own message combined with the others' (the opened values; word
 * by word, added and XORed, see {@link RecordingNetwork}) and, for party 0, the dealer's
 * corrections. For two very different secrets, three 4-bit windows of every word (bits 0-3, 30-33,
 * 60-63; the last word of a message, partly padding, left out) pass a chi-square test for
 * uniformity, and the two views are indistinguishable by a two-sample chi-square test.
 */
class ViewIndependenceTest {
    private static final int LEN = 1 << 13;
    private static final int BINS = 16;
    private static final int[] WINDOWS = {0, 30, 60};
    private static final int RING = 46;
    private static final int SCALE = 38;
    /**
     * Chi-square with 15 degrees of freedom: P(chi2 > 60) = 2.1e-7 per check; this class makes
     * 5 programs x 2 party counts x 2 viewers x 3 windows x 3 checks = 180, so it flakes about once in
     * 26,000 runs. A leak (an unmasked value or bit) piles elements into few bins: chi2 in the thousands.
     */
    private static final double CRITICAL = 60.0;

    /** A secure program on this party's shares of the secret x (Z_2^46, 38 fractional bits) and of a random y. */
    @FunctionalInterface
    interface Program {
        Object run(Session s, Shared x, Shared y);
    }

    enum Opening {
        TRUNCATING((s, x, y) -> Openings.truncate(s, x, 20, 64)),
        REWIRE((s, x, y) -> Openings.rewire(s, x, 20, 16)),
        WIRE_PRODUCT((s, x, y) -> {
            Round round = new Round(s);
            Openings.Truncation a = Openings.truncation(s, round, x, new int[] {20}, new int[] {64});
            Openings.Truncation b = Openings.truncation(s, round, y, new int[] {20}, new int[] {64});
            round.run();
            return Openings.truncate(s, WireProduct.times(s, a.wires()[0], 0, b.wires()[0], 64), 20, 64);
        }),
        EXACT_RELU((s, x, y) -> ExactRelu.relu(s, x, 22)),
        APP_RELU((s, x, y) -> new PannActivation(ActivationPlan.of(SignPolynomials.forBeta(9), FixedPointPolicy.DEFAULT))
                .apply(s, x, 70));

        final Program program;

        Opening(Program program) {
            this.program = program;
        }
    }

    /** Histograms [viewer][window][bin] of what parties 0 and 1 received. */
    private static long[][][] views(Opening opening, int parties, double secret) {
        long[] xv = new long[LEN];
        Arrays.fill(xv, Math.round(Math.scalb(secret, SCALE)));
        long[] yv = new Prg(Seed.random(new SecureRandom())).next(LEN);
        for (int i = 0; i < LEN; i++) {
            yv[i] >>= 64 - SCALE;
        }
        RecordingNetwork[] recorders = new RecordingNetwork[parties];
        InMemoryProgram.run(parties, RING, SCALE, new long[][] {xv, yv}, (s, in) -> opening.program.run(s, in[0], in[1]),
                net -> recorders[net.id()] = new RecordingNetwork(net));
        long[][][] h = new long[2][WINDOWS.length][BINS];
        for (int viewer = 0; viewer < 2; viewer++) {
            RecordingNetwork r = recorders[viewer];
            List<long[]> seen = new ArrayList<>(r.openedSums);
            seen.addAll(r.openedXors);
            seen.addAll(r.fromDealer);
            for (long[] message : seen) {
                for (int i = 0; i + 1 < message.length; i++) {
                    for (int w = 0; w < WINDOWS.length; w++) {
                        h[viewer][w][(int) ((message[i] >>> WINDOWS[w]) & (BINS - 1))]++;
                    }
                }
            }
        }
        return h;
    }

    private static double chiSquareUniform(long[] h) {
        long total = Arrays.stream(h).sum();
        double e = total / (double) BINS;
        double chi = 0;
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
    @CsvSource({"TRUNCATING,2", "TRUNCATING,3", "REWIRE,2", "REWIRE,3", "WIRE_PRODUCT,2", "WIRE_PRODUCT,3",
        "EXACT_RELU,2", "EXACT_RELU,3", "APP_RELU,2", "APP_RELU,3"})
    void whatAPartyReceivesLooksTheSameForTwoDifferentSecrets(Opening opening, int parties) {
        // 0 and a negative value of large magnitude: different signs, wraps, branches
        long[][][] zero = views(opening, parties, 0);
        long[][][] other = views(opening, parties, -0.7);
        for (int viewer = 0; viewer < 2; viewer++) {
            for (int w = 0; w < WINDOWS.length; w++) {
                String where = opening + ", party " + viewer + ", bits " + WINDOWS[w] + "-" + (WINDOWS[w] + 3);
                long total = Arrays.stream(zero[viewer][w]).sum();
                assertEquals(total, Arrays.stream(other[viewer][w]).sum(), where + ": the view's size depends on the secret");
                assertTrue(total >= LEN / 8, where + ": only " + total + " words seen");
                assertTrue(chiSquareUniform(zero[viewer][w]) < CRITICAL, where + ", secret 0: chi2 " + chiSquareUniform(zero[viewer][w]));
                assertTrue(chiSquareUniform(other[viewer][w]) < CRITICAL, where + ", secret -0.7: chi2 "
                        + chiSquareUniform(other[viewer][w]));
                assertTrue(chiSquareTwoSample(zero[viewer][w], other[viewer][w]) < CRITICAL, where + ": two-sample chi2 "
                        + chiSquareTwoSample(zero[viewer][w], other[viewer][w]));
            }
        }
    }
}
