package dev.sturdy.protocol.cost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.protocol.net.LocalParties;
import dev.sturdy.protocol.net.Network;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaitTimingNetworkTest {
    private static final long DEALER_PAUSE_MS = 300, PEER_PAUSE_MS = 150;

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The dealer answers party 0's message after a pause; then party 1 answers party 0 after a pause:
     * party 0's tracker books at least 0.95 of each pause (the peer may start pausing just before party 0
     * starts its section) as waiting on that peer, under the label active then, and passes the messages
     * through unchanged. Party 1, outside any section, waits for party 0's message, which leaves only after
     * the dealer's pause: its report books that wait on party 0.
     */
    @Test
    void waitsAreBookedPerPeerAndLabel() {
        List<CostReport> reports = LocalParties.run(2, Duration.ofSeconds(20), plain -> {
            WaitTimingNetwork net = new WaitTimingNetwork(plain);
            CostTracker t = new CostTracker(net, () -> new long[0]);
            net.beginQuery(1);
            t.beginQuery(1);
            if (net.id() == 0) {
                net.send(2, 4, new long[] {1});
                try (var s = t.section("from dealer")) {
                    assertArrayEquals(new long[] {7, 8}, net.receive(2, 5));
                }
                net.send(1, 4, new long[] {2});
                try (var s = t.section("from party 1")) {
                    assertArrayEquals(new long[] {9}, net.receive(1, 6));
                }
            } else {
                net.receive(0, 4);
                pause(PEER_PAUSE_MS);
                net.send(0, 6, new long[] {9});
            }
            return t.report();
        }, dealer -> {
            dealer.beginQuery(1);
            dealer.receive(0, 4);
            pause(DEALER_PAUSE_MS);
            dealer.send(0, 5, new long[] {7, 8});
        });
        CostReport p0 = reports.get(0);
        CostReport.Entry fromDealer = p0.entry("from dealer"), fromPeer = p0.entry("from party 1");
        assertTrue(fromDealer.waitMillis(2) >= DEALER_PAUSE_MS * 0.95, "dealer wait " + fromDealer.waitMillis(2));
        assertEquals(0, fromDealer.waitMillis(1));
        assertTrue(fromPeer.waitMillis(1) >= PEER_PAUSE_MS * 0.95, "peer wait " + fromPeer.waitMillis(1));
        assertEquals(0, fromPeer.waitMillis(2));
        assertTrue(fromDealer.millis() >= fromDealer.waitMillis(2));
        assertEquals(fromDealer.waitMillis(2) + fromPeer.waitMillis(2), p0.total().waitMillis(2), 1e-9);
        assertTrue(reports.get(1).total().waitMillis(0) >= DEALER_PAUSE_MS * 0.95,
                "party 1's wait on party 0 " + reports.get(1).total().waitMillis(0));
        assertEquals(0, reports.get(1).total().waitMillis(2));
    }
}
