package dev.sturdy.protocol.ops;

import static dev.sturdy.protocol.ops.MpcKit.randomLongs;
import static dev.sturdy.protocol.ops.MpcKit.share;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.protocol.dealer.CorrelationRequest;
import dev.sturdy.protocol.ring.RingTensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A party's view (every message it receives from other compute parties) during a fixed-point
 * multiplication looks uniform whatever the secret: its top bits pass a chi-square test for two
 * very different secrets, and the two views are indistinguishable by a two-sample chi-square test.
 */
class ViewIndependenceTest {
    private static final int LEN = 1 << 14, BINS = 16;
    private static final double CRITICAL = 45.0;

    private static long[] histogramOfView(int n, long secret) {
        long[] xv = new long[LEN];
        Arrays.fill(xv, secret);
        RingTensor[] xs = share(new RingTensor(xv, LEN), n), ys = share(new RingTensor(randomLongs(LEN), LEN), n);
        List<CorrelationRequest> plan = new ArrayList<>(List.of(CorrelationRequest.triple(LEN)));
        if (n == 3) {
            plan.add(CorrelationRequest.trunc(LEN, 16));
        }
        List<List<long[]>> views = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            views.add(null);
        }
        MpcKit.run(n, TruncationMode.defaultFor(n), 16, plan, ops -> {
            int id = ops.session().id();
            ops.mulFixed(xs[id], ys[id]);
            synchronized (views) {
                views.set(id, ((RecordingNetwork) ops.session().net()).received);
            }
            return null;
        }, RecordingNetwork::new, Duration.ofSeconds(30));
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

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void openedValuesLookTheSameForTwoDifferentSecrets(int n) {
        long[] zero = histogramOfView(n, 0L), big = histogramOfView(n, 123L << 40);
        // chi-square with 15 degrees of freedom: 37.7 is the 0.1% critical value, 45 about 0.008%
        // (keeps the test from flaking); a leak (e.g. an unmasked constant) lands in one bin: chi2 in the 10^5s
        assertTrue(chiSquareUniform(zero) < CRITICAL, "secret 0: chi2 " + chiSquareUniform(zero));
        assertTrue(chiSquareUniform(big) < CRITICAL, "secret 123*2^40: chi2 " + chiSquareUniform(big));
        assertTrue(chiSquareTwoSample(zero, big) < CRITICAL, "two-sample chi2 " + chiSquareTwoSample(zero, big));
    }
}
