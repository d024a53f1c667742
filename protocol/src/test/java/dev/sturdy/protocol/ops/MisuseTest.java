package dev.sturdy.protocol.ops;

import static dev.sturdy.protocol.ops.MpcKit.randomLongs;
import static dev.sturdy.protocol.ops.MpcKit.share;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.protocol.dealer.CorrelationRequest;
import dev.sturdy.protocol.dealer.PartyCorrelations;
import dev.sturdy.protocol.net.InMemoryNetwork;
import dev.sturdy.protocol.net.LocalParties.PartyFailure;
import dev.sturdy.protocol.net.Network;
import dev.sturdy.protocol.prg.Seeds;
import dev.sturdy.protocol.ring.Conv2dGeometry;
import dev.sturdy.protocol.ring.FixedPoint;
import dev.sturdy.protocol.ring.RingTensor;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Misuse gives a clear exception, never a silent wrong result. */
class MisuseTest {
    @Test
    void mismatchedShapesAreRejectedBeforeAnythingIsSent() {
        PartyFailure e = assertThrows(PartyFailure.class, () -> MpcKit.run(2, TruncationMode.LOCAL, 16, List.of(),
                ops -> ops.mul(RingTensor.zeros(2, 3), RingTensor.zeros(3, 2))));
        assertTrue(e.getMessage().contains("mul: shape mismatch [2, 3] vs [3, 2]"), e.getMessage());

        PartyFailure m = assertThrows(PartyFailure.class, () -> MpcKit.run(2, TruncationMode.LOCAL, 16, List.of(),
                ops -> ops.matmul(RingTensor.zeros(2, 3), RingTensor.zeros(2, 3))));
        assertTrue(m.getMessage().contains("do not chain"), m.getMessage());

        Conv2dGeometry g = new Conv2dGeometry(3, 8, 8, 4, 3, 1, 1);
        PartyFailure c = assertThrows(PartyFailure.class, () -> MpcKit.run(3, TruncationMode.DEALER, 16, List.of(),
                ops -> ops.conv2d(RingTensor.zeros(g.weightShape()), RingTensor.zeros(1, 3, 8, 7), g)));
        assertTrue(c.getMessage().contains("conv2d: input shape [1, 3, 8, 7]"), c.getMessage());
    }

    @Test
    void aPartyCountOtherThanConfiguredIsRejected() {
        try (InMemoryNetwork net = new InMemoryNetwork(2, Duration.ofSeconds(1))) {
            Network ep = net.endpoint(0);
            Seeds[] seeds = Seeds.local(2, new SecureRandom());
            PartyCorrelations pc = new PartyCorrelations(ep, seeds[0].dealerSeed());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Session(ep, 3, pc, new FixedPoint(16), TruncationMode.DEALER));
            assertEquals("configured for 3 compute parties but the network has 2", e.getMessage());
        }
        try (InMemoryNetwork net = new InMemoryNetwork(3, Duration.ofSeconds(1))) {
            Network ep = net.endpoint(1);
            PartyCorrelations pc = new PartyCorrelations(ep, Seeds.local(3, new SecureRandom())[1].dealerSeed());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Session(ep, 3, pc, new FixedPoint(16), TruncationMode.LOCAL));
            assertTrue(e.getMessage().contains("2 parties only"), e.getMessage());
        }
    }

    @Test
    void aStoppedDealerFailsTheQueryOnEveryParty() {
        int n = 1000;
        RingTensor[] xs = share(new RingTensor(randomLongs(n), n), 2);
        // the dealer serves the first triple only, then stops
        PartyFailure e = assertThrows(PartyFailure.class, () -> MpcKit.run(2, TruncationMode.LOCAL, 16,
                List.of(CorrelationRequest.triple(n)), ops -> {
                    RingTensor x = xs[ops.session().id()];
                    return ops.mul(ops.mul(x, x), x);
                }, UnaryOperator.identity(), Duration.ofMillis(500)));
        assertTrue(e.getMessage().contains("party 0: NetworkException: party 0: missing or wrong dealer correction for"
                + " TRIPLE[1000]") && e.getMessage().contains("no message from the dealer (id 2)"), e.getMessage());
        assertTrue(e.getMessage().contains("party 1: NetworkException: party 1: no message from party 0"),
                e.getMessage());
    }

    @Test
    void partiesRunningDifferentOperationsAreCaughtByTheTags() {
        int n = 64;
        RingTensor[] xs = share(new RingTensor(randomLongs(n), n), 2);
        PartyFailure e = assertThrows(PartyFailure.class, () -> MpcKit.run(2, TruncationMode.LOCAL, 16,
                List.of(CorrelationRequest.triple(n)), ops -> {
                    RingTensor x = xs[ops.session().id()];
                    return ops.session().id() == 0 ? ops.mul(x, x) : ops.square(x);
                }, UnaryOperator.identity(), Duration.ofSeconds(2)));
        assertTrue(e.getMessage().contains("run different operations"), e.getMessage());
    }

    @Test
    void readingAPendingResultBeforeTheRoundRunsIsAnError() {
        PartyFailure e = assertThrows(PartyFailure.class, () -> MpcKit.run(2, TruncationMode.LOCAL, 16,
                List.of(CorrelationRequest.square(4)), ops -> {
                    Round r = ops.round();
                    Round.Pending p = r.square(RingTensor.zeros(4));
                    return p.get();
                }, UnaryOperator.identity(), Duration.ofSeconds(2)));
        assertTrue(e.getMessage().contains("the round has not run yet"), e.getMessage());
    }
}
