package dev.sturdy.protocol.dealer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.protocol.Plain;
import dev.sturdy.protocol.net.LocalParties;
import dev.sturdy.protocol.net.Network;
import dev.sturdy.protocol.prg.Seeds;
import dev.sturdy.protocol.ring.Conv2dGeometry;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DealerTest {
    static final Conv2dGeometry G = new Conv2dGeometry(2, 6, 5, 3, 3, 2, 1);
    static final List<CorrelationRequest> PLAN = List.of(
            CorrelationRequest.triple(1000),
            CorrelationRequest.square(500),
            CorrelationRequest.matmul(5, 7, 3),
            CorrelationRequest.conv(G, 2),
            CorrelationRequest.trunc(300, 16));

    record PartyView(List<CorrelatedShares> shares, long dealerBytes, long prgPosition) {
    }

    private static List<PartyView> run(int n, List<CorrelationRequest> partyPlan, List<CorrelationRequest> dealerPlan,
                                       Duration timeout) {
        Seeds[] seeds = Seeds.local(n, new SecureRandom());
        long[] dealerPositions = new long[n];
        List<PartyView> views = LocalParties.run(n, timeout, (Network net) -> {
            PartyCorrelations pc = new PartyCorrelations(net, seeds[net.id()].dealerSeed());
            List<CorrelatedShares> got = new ArrayList<>();
            for (CorrelationRequest r : partyPlan) {
                got.add(pc.take(r));
            }
            return new PartyView(got, net.stats().bytesReceived(net.dealerId()), pc.prgPosition());
        }, net -> {
            Dealer d = new Dealer(net, seeds[n]);
            d.serveAll(dealerPlan);
            for (int p = 0; p < n; p++) {
                dealerPositions[p] = d.prgPosition(p);
            }
            for (int p = 1; p < n; p++) {
                assertEquals(0, net.stats().bytesSent(p), "the dealer sends nothing to parties other than 0");
            }
        });
        for (int p = 0; p < n; p++) {
            assertEquals(dealerPositions[p], views.get(p).prgPosition, "PRG stream of party " + p + " in step");
        }
        return views;
    }

    private static long[] rec(List<PartyView> views, int req, int array) {
        long[][] s = new long[views.size()][];
        for (int p = 0; p < s.length; p++) {
            s[p] = views.get(p).shares.get(req).arrays()[array];
        }
        return Plain.sum(s);
    }

    @Test
    void everyKindReconstructsToItsRelationForTwoAndThreeParties() {
        for (int n : new int[] {2, 3}) {
            List<PartyView> v = run(n, PLAN, PLAN, Duration.ofSeconds(10));
            long[] a = rec(v, 0, 0), b = rec(v, 0, 1), c = rec(v, 0, 2);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i] * b[i], c[i]);
            }
            long[] sa = rec(v, 1, 0), sc = rec(v, 1, 1);
            for (int i = 0; i < sa.length; i++) {
                assertEquals(sa[i] * sa[i], sc[i]);
            }
            assertArrayEquals(Plain.matmul(rec(v, 2, 0), rec(v, 2, 1), 5, 7, 3), rec(v, 2, 2));
            assertArrayEquals(Plain.conv(rec(v, 3, 0), rec(v, 3, 1), 2, G), rec(v, 3, 2));
            long[] r = rec(v, 4, 0), rs = rec(v, 4, 1), msb = rec(v, 4, 2);
            for (int i = 0; i < r.length; i++) {
                // independent: r as unsigned BigInteger, shifted
                java.math.BigInteger u = new java.math.BigInteger(Long.toUnsignedString(r[i]));
                assertEquals(u.shiftRight(16).longValue(), rs[i]);
                assertEquals(u.testBit(63) ? 1L << (64 - 16) : 0L, msb[i], "msb(r) 2^(64-f)");
            }
            // compression: party 0 receives exactly |c| elements per request, others nothing
            // (TRUNC: 300 of r >>> f, and 300 msb corrections of f = 16 bits packed 4 to a word)
            long expected = 8L * (1000 + 500 + 15 + 2 * G.outputSizePerSample() + 300 + 75);
            assertEquals(expected, v.get(0).dealerBytes);
            for (int p = 1; p < n; p++) {
                assertEquals(0, v.get(p).dealerBytes);
            }
            // masks are not degenerate
            assertTrue(a[0] != 0 && a[1] != a[0]);
        }
    }

    @Test
    void orderMismatchIsDetectedByParty0() {
        List<CorrelationRequest> swapped = List.of(PLAN.get(1), PLAN.get(0));
        LocalParties.PartyFailure e = assertThrows(LocalParties.PartyFailure.class,
                () -> run(2, PLAN.subList(0, 2), swapped, Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("missing or wrong dealer correction for TRIPLE[1000]"), e.getMessage());
        assertTrue(e.getMessage().contains("run different operations"), e.getMessage());
    }

    @Test
    void aStoppedDealerIsAClearErrorNotAWrongResult() {
        LocalParties.PartyFailure e = assertThrows(LocalParties.PartyFailure.class,
                () -> run(3, PLAN, PLAN.subList(0, 2), Duration.ofMillis(300)));
        assertTrue(e.getMessage().contains("party 0: NetworkException: party 0: missing or wrong dealer correction"
                + " for MATMUL[5, 7, 3]"), e.getMessage());
        assertTrue(e.getMessage().contains("no message from the dealer (id 3)"), e.getMessage());
    }
}
