package dev.sturdy.protocol.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.protocol.dealer.CorrelationKind;
import dev.sturdy.protocol.dealer.CorrelationRequest;
import dev.sturdy.protocol.dealer.Dealer;
import dev.sturdy.protocol.dealer.PartyCorrelations;
import dev.sturdy.protocol.net.LocalParties;
import dev.sturdy.protocol.ops.SecureOps;
import dev.sturdy.protocol.ops.Session;
import dev.sturdy.protocol.ops.TruncationMode;
import dev.sturdy.protocol.prg.Seeds;
import dev.sturdy.protocol.ring.Conv2dGeometry;
import dev.sturdy.protocol.ring.FixedPoint;
import dev.sturdy.protocol.ring.RingTensor;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostReportTest {
    @Test
    void costsAreBookedPerLabelAndQueryWithExactBytesRoundsAndCorrelations() {
        int n = 3, f = 12;
        Conv2dGeometry g = new Conv2dGeometry(2, 6, 6, 3, 3, 1, 1);
        int batch = 2, out = batch * g.outputSizePerSample(), act = 100;
        List<CorrelationRequest> plan = List.of(CorrelationRequest.conv(g, batch), CorrelationRequest.trunc(out, f),
                CorrelationRequest.square(act), CorrelationRequest.trunc(act, f));
        Seeds[] seeds = Seeds.local(n, new SecureRandom());
        CostReport[] dealerReport = new CostReport[2];
        List<CostReport[]> reports = LocalParties.run(n, Duration.ofSeconds(20), net -> {
            Session s = new Session(net, n, new PartyCorrelations(net, seeds[net.id()].dealerSeed()), new FixedPoint(f),
                    TruncationMode.DEALER);
            SecureOps ops = new SecureOps(s);
            CostReport[] r = new CostReport[2];
            for (int q = 0; q < 2; q++) {
                s.beginQuery(q);
                try (var sec = s.cost().section("conv1")) {
                    ops.conv2dFixed(RingTensor.zeros(g.weightShape()), RingTensor.zeros(g.inputShape(batch)), g);
                }
                try (var sec = s.cost().section("act1")) {
                    ops.squareFixed(RingTensor.zeros(act));
                }
                r[q] = s.cost().report();
            }
            return r;
        }, net -> {
            Dealer d = new Dealer(net, seeds[n]);
            CostTracker t = new CostTracker(net, d::usage);
            for (int q = 0; q < 2; q++) {
                net.beginQuery(q);
                t.beginQuery(q);
                d.serveAll(plan);
                dealerReport[q] = t.report();
            }
        });
        for (int p = 0; p < n; p++) {
            CostReport r = reports.get(p)[1];
            assertEquals(1, r.query());
            CostReport.Entry conv = r.entry("conv1"), sq = r.entry("act1");
            assertEquals(2, conv.rounds());
            assertEquals(2, sq.rounds());
            long convOpen = g.weightSize() + batch * g.inputSizePerSample();
            assertEquals((n - 1) * 8L * (convOpen + out), conv.bytesSent());
            assertEquals((n - 1) * 8L * (act + act), sq.bytesSent());
            assertEquals(p == 0 ? 8L * (out + truncation(out)) : 0, conv.bytesReceived(n), "dealer bytes of conv1");
            assertEquals(out, conv.correlations(CorrelationKind.CONV));
            assertEquals(out, conv.correlations(CorrelationKind.TRUNC));
            assertEquals(act, sq.correlations(CorrelationKind.SQUARE));
            assertEquals(4, r.total().rounds());
            assertEquals(p == 0 ? 8L * (out + truncation(out) + act + truncation(act)) : 0, r.dealerBytes());
            Map<String, Object> m = r.toMap();
            assertTrue(m.get("operations") instanceof List<?> l && l.size() == 2, m.toString());
            assertTrue(r.toString().contains("conv1") && r.toString().contains("total"), r.toString());
            String json = dev.sturdy.model.json.Json.write(m);
            assertTrue(json.contains("\"label\":\"conv1\"") && json.contains("\"rounds\":2"), json);
        }
        assertEquals(8L * (out + truncation(out) + act + truncation(act)), dealerReport[1].dealerBytes());
        assertEquals(out, dealerReport[1].total().correlations(CorrelationKind.CONV));
    }

    /** Dealer elements of a truncation of m values by f = 12 bits: r >>> f, and the msb(r) corrections 5 to a word. */
    private static long truncation(int m) {
        return m + (m + 4) / 5;
    }
}
