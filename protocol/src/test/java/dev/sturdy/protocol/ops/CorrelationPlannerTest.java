package dev.sturdy.protocol.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sturdy.protocol.dealer.CorrelationRequest;
import dev.sturdy.protocol.ring.Conv2dGeometry;
import dev.sturdy.protocol.ring.FixedPoint;
import dev.sturdy.protocol.ring.RingTensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorrelationPlannerTest {
    @Test
    void aDryRunListsTheRequestsTheRealRunTakesInOrder() {
        Conv2dGeometry g = new Conv2dGeometry(2, 5, 5, 3, 3, 1, 1);
        List<CorrelationRequest> plan = CorrelationPlanner.plan(3, new FixedPoint(16), TruncationMode.DEALER, ops -> {
            RingTensor y = ops.conv2dFixed(RingTensor.zeros(g.weightShape()), RingTensor.zeros(g.inputShape(2)), g);
            Round r = ops.round();
            r.square(y);
            r.mul(y, y);
            r.run();
        });
        int out = 2 * g.outputSizePerSample();
        assertEquals(List.of(CorrelationRequest.conv(g, 2), CorrelationRequest.trunc(out, 16),
                CorrelationRequest.square(out), CorrelationRequest.triple(out)), plan);
        // and a real run with that plan as the dealer's sequence succeeds
        RingTensor[] ws = MpcKit.share(RingTensor.zeros(g.weightShape()), 3);
        RingTensor[] xs = MpcKit.share(RingTensor.zeros(g.inputShape(2)), 3);
        MpcKit.run(3, TruncationMode.DEALER, 16, plan, ops -> {
            int id = ops.session().id();
            RingTensor y = ops.conv2dFixed(ws[id], xs[id], g);
            Round r = ops.round();
            r.square(y);
            r.mul(y, y);
            r.run();
            return null;
        });
    }
}
