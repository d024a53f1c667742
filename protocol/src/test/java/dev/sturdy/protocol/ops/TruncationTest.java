package dev.sturdy.protocol.ops;

import static dev.sturdy.protocol.ops.MpcKit.randomLongs;
import static dev.sturdy.protocol.ops.MpcKit.reconstruct;
import static dev.sturdy.protocol.ops.MpcKit.share;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.protocol.dealer.CorrelationRequest;
import dev.sturdy.protocol.ring.RingTensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Truncation error and failure rates, measured through the protocol on many values and compared
 * with floor(x / 2^f) computed by Math.floorDiv.
 */
class TruncationTest {
    /** Values spread over magnitudes up to 2^lx (exclusive), plus the edges. */
    private static long[] values(int count, int lx) {
        long[] v = randomLongs(count);
        long mask = (1L << lx) - 1;
        for (int i = 0; i < count; i++) {
            long mag = (v[i] >>> 1) & mask;
            // mixture: one third uniform in the full range, the rest with a random bit length
            if (i % 3 != 0) {
                mag &= (1L << (1 + (int) ((v[i] >>> 58) % lx))) - 1;
            }
            v[i] = v[i] < 0 ? -mag : mag;
        }
        v[0] = 0;
        v[1] = -1;
        v[2] = mask;
        v[3] = -mask;
        v[4] = 1;
        return v;
    }

    private static RingTensor truncate(int n, TruncationMode mode, int f, long[] x) {
        RingTensor[] xs = share(new RingTensor(x.clone(), x.length), n);
        List<CorrelationRequest> plan = mode == TruncationMode.DEALER ? List.of(CorrelationRequest.trunc(x.length, f))
                : List.of();
        var r = MpcKit.run(n, mode, f, plan, ops -> {
            RingTensor out = ops.truncate(xs[ops.session().id()]);
            long rounds = ops.session().cost().report().total().rounds();
            assertEquals(mode == TruncationMode.DEALER ? 1 : 0, rounds);
            return out;
        });
        if (mode == TruncationMode.DEALER) {
            int perWord = 64 / f;
            assertEquals(8L * (x.length + (x.length + perWord - 1) / perWord), r.dealerTraffic().totalBytesSent(),
                    "dealer sends r>>>f and the msb(r) corrections, 64 / f to a word");
        }
        return reconstruct(r.outputs());
    }

    @ParameterizedTest(name = "N={0}, f={1}")
    @CsvSource({"2, 16", "3, 16", "3, 8", "3, 24", "2, 30"})
    void dealerAssistedTruncationIsFloorOrFloorPlusOneUlpEvenAtTheEdgesOfTheRange(int n, int f) {
        long[] x = values(200_000, 62);
        RingTensor t = truncate(n, TruncationMode.DEALER, f, x);
        long plusOne = 0;
        double expected = 0;
        for (int i = 0; i < x.length; i++) {
            long diff = t.data()[i] - Math.floorDiv(x[i], 1L << f);
            assertTrue(diff == 0 || diff == 1, "x=" + x[i] + " off by " + diff);
            plusOne += diff;
            // the +1 ulp carry happens with probability (x mod 2^f) / 2^f over the uniform mask r
            expected += Math.floorMod(x[i], 1L << f) / Math.scalb(1.0, f);
        }
        assertTrue(Math.abs(plusOne - expected) <= 5 * Math.sqrt(x.length / 4.0),
                "carries " + plusOne + " vs expected " + expected);
    }

    @Test
    void localTruncationHasNoFailuresForModerateMagnitudes() {
        int f = 16;
        long[] x = values(1_000_000, 32);
        RingTensor t = truncate(2, TruncationMode.LOCAL, f, x);
        for (int i = 0; i < x.length; i++) {
            long diff = t.data()[i] - Math.floorDiv(x[i], 1L << f);
            assertTrue(diff == 0 || diff == 1, "x=" + x[i] + " off by " + diff);
        }
    }

    /**
     * SecureML local truncation fails (error about 2^(64-f)) exactly when the shares wrap: with
     * x0 uniform that happens with probability |x| / 2^64, at most 2^(lx - 64) and below the
     * usual bound 2^(lx + 1 - 64). Measured here at large lx where failures are frequent enough
     * to count; the rate halves with every bit of headroom.
     */
    @ParameterizedTest(name = "lx={0}")
    @CsvSource({"52", "56", "58", "60"})
    void localTruncationFailureRateMatchesTheWrapProbability(int lx) {
        int f = 16, count = 400_000;
        long[] x = randomLongs(count);
        double expected = 0;
        for (int i = 0; i < count; i++) {
            x[i] >>= (63 - lx); // uniform in [-2^lx, 2^lx)
            expected += Math.abs((double) x[i]) / 0x1p64;
        }
        RingTensor t = truncate(2, TruncationMode.LOCAL, f, x);
        long failures = 0;
        for (int i = 0; i < count; i++) {
            long diff = t.data()[i] - Math.floorDiv(x[i], 1L << f);
            if (diff != 0 && diff != 1) {
                failures++;
                long big = Math.abs(diff) - (1L << (64 - f));
                assertTrue(Math.abs(big) <= 1, "a failure is off by 2^(64-f), got " + diff);
            }
        }
        double rate = failures / (double) count, bound = Math.scalb(1.0, lx + 1 - 64);
        System.out.printf("local truncation f=%d lx=%d: measured failure rate %.3e, wrap probability %.3e, bound %.3e%n",
                f, lx, rate, expected / count, bound);
        double sigma = Math.sqrt(expected);
        assertTrue(Math.abs(failures - expected) <= 5 * sigma + 2, "failures " + failures + " vs expected " + expected);
        assertTrue(rate <= bound, "rate " + rate + " above 2^(lx+1-64)");
    }
}
