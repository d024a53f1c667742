package dev.sturdy.protocol.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sturdy.protocol.dealer.CorrelationRequest;
import dev.sturdy.protocol.ring.FixedPoint;
import dev.sturdy.protocol.ring.RingTensor;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exact ReLU by comparison vs max(x, 0) on the ring values, with the traffic the class documents. */
class ExactReluTest {
    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void reluIsExactOverTheWholeRange(int parties) {
        int n = 5000;
        long[] x = MpcKit.randomLongs(n);
        for (int i = 0; i < n; i++) {
            x[i] >>= (i % 3 == 0 ? 2 : 1 + (i % 40)); // |x| < 2^62, many scales
        }
        long[] edges = {0, -1, 1, (1L << 62) - 1, -(1L << 62) + 1, -(1L << 61), 1L << 61, 2, -2};
        System.arraycopy(edges, 0, x, 0, edges.length);
        RingTensor[] xs = MpcKit.share(new RingTensor(x, n), parties);
        List<CorrelationRequest> plan = CorrelationPlanner.plan(parties, new FixedPoint(16), TruncationMode.DEALER,
                ops -> ExactRelu.relu(ops, RingTensor.zeros(n)));
        MpcKit.Result<RingTensor> r = MpcKit.run(parties, TruncationMode.DEALER, 16, plan,
                ops -> ExactRelu.relu(ops, xs[ops.session().id()]));
        long[] got = MpcKit.reconstruct(r.outputs()).data();
        for (int i = 0; i < n; i++) {
            assertEquals(Math.max(x[i], 0), got[i], "element " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void trafficIsEightRoundsAndAboutThirtyNineBytesPerElementAndPeer(int parties) {
        int n = 1000;
        int w = (n + 63) / 64;
        List<CorrelationRequest> plan = CorrelationPlanner.plan(parties, new FixedPoint(16), TruncationMode.DEALER,
                ops -> ExactRelu.relu(ops, RingTensor.zeros(n)));
        MpcKit.Result<long[]> r = MpcKit.run(parties, TruncationMode.DEALER, 16, plan, ops -> {
            ExactRelu.relu(ops, RingTensor.zeros(n));
            var total = ops.session().cost().report().total();
            return new long[] {total.rounds(), total.bytesSent()};
        });
        // round 1: 2n elements; 6 tree levels with 31, 15, 8, 4, 2, 1 merges of 3 planes; last: 1 plane
        long words = 2L * n + 3L * (31 + 15 + 8 + 4 + 2 + 1) * w + w;
        for (long[] v : r.outputs()) {
            assertEquals(8, v[0]);
            assertEquals(words * 8 * (parties - 1), v[1]);
        }
    }
}
