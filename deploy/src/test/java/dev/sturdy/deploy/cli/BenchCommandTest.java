package dev.sturdy.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.deploy.bench.ElementwiseWorkload;
import dev.sturdy.model.Model;
import dev.sturdy.model.approx.SignPolynomials;
import dev.sturdy.model.graph.Shape;
import dev.sturdy.model.json.Json;
import dev.sturdy.party.cli.CliRun;
import dev.sturdy.party.samples.DemoModel;
import dev.sturdy.protocol.cost.CostReport;
import dev.sturdy.protocol.dealer.Dealer;
import dev.sturdy.protocol.dealer.PartyCorrelations;
import dev.sturdy.protocol.eval.FoldedGraph;
import dev.sturdy.protocol.eval.ModelShares;
import dev.sturdy.protocol.eval.SecureActivation;
import dev.sturdy.protocol.eval.SecureEvaluator;
import dev.sturdy.protocol.net.LocalParties;
import dev.sturdy.protocol.ops.SecureAppRelu;
import dev.sturdy.protocol.ops.SecureOps;
import dev.sturdy.protocol.ops.Session;
import dev.sturdy.protocol.ops.TruncationMode;
import dev.sturdy.protocol.prg.Prg;
import dev.sturdy.protocol.prg.Seed;
import dev.sturdy.protocol.prg.Seeds;
import dev.sturdy.protocol.ring.FixedPoint;
import dev.sturdy.protocol.ring.RingTensor;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code sturdy bench} end to end (roles as processes): the reported rounds and bytes equal what
 * the evaluation plan says (AppReLU's formula) and what an in-memory run of the same model reports.
 */
class BenchCommandTest {
    private static long number(Map<?, ?> m, String key) {
        return ((Number) m.get(key)).longValue();
    }

    @Test
    void polyWorkloadCostsWhatTheAppReluPlanSays() {
        int n = 3000;
        CliRun r = CliRun.with(Sturdy.commandLine(), "bench", "--workload", "poly", "--elements", Integer.toString(n), "--tls", "off",
                "--reps", "1", "--json");
        assertEquals(0, r.exitCode(), r.err() + r.out());
        Map<?, ?> doc = (Map<?, ?>) Json.parse(r.out());
        SecureAppRelu relu = new SecureAppRelu(ElementwiseWorkload.polySign(), ElementwiseWorkload.BOUND);
        assertEquals(relu.rounds(TruncationMode.LOCAL), number(doc, "rounds"));
        assertEquals((long) relu.openingsPerElement(TruncationMode.LOCAL) * n * 8, number(doc, "bytesPerParty"));
        assertTrue(number(doc, "dealerBytes") > 0);
        assertTrue(((Number) doc.get("seconds")).doubleValue() > 0);
    }

    /** Rounds, bytes per party and dealer bytes of the same model and batch, parties as threads in memory. */
    private static long[] inMemory(Model model, SecureActivation act, int f, int batch) {
        FoldedGraph graph = FoldedGraph.of(model);
        FixedPoint fp = new FixedPoint(f);
        SecureRandom rnd = new SecureRandom();
        ModelShares[] weights = ModelShares.split(graph, fp, 2, new Prg(Seed.random(rnd)));
        SecureEvaluator ev = new SecureEvaluator(graph.withoutWeights(), act);
        Seeds[] seeds = Seeds.local(2, rnd);
        Shape in = graph.input();
        var plan = ev.correlationPlan(2, fp, TruncationMode.DEALER, batch);
        List<CostReport> reports = LocalParties.run(2, Duration.ofMinutes(2), net -> {
            Session s = new Session(net, 2, new PartyCorrelations(net, seeds[net.id()].dealerSeed()), fp,
                    TruncationMode.DEALER);
            RingTensor x = RingTensor.zeros(batch, in.channels(), in.height(), in.width());
            return ev.query(new SecureOps(s), 1, weights[net.id()], x).cost();
        }, net -> {
            net.beginQuery(1);
            new Dealer(net, seeds[2]).serveAll(plan);
        });
        long sent = Math.max(reports.get(0).total().bytesSent(), reports.get(1).total().bytesSent());
        return new long[] {reports.get(0).total().rounds(), sent,
                reports.get(0).dealerBytes() + reports.get(1).dealerBytes()};
    }

    @Test
    void modelBenchReportsThePlansCostAndAgreesWithThePlaintextModel() throws Exception {
        CliRun r = CliRun.with(Sturdy.commandLine(), "bench", "--beta", "9", "--batch", "1,2", "--reps", "1", "--accuracy-images", "0", "--json");
        assertEquals(0, r.exitCode(), r.err() + r.out());
        Model model = DemoModel.load();
        List<?> rows = (List<?>) ((Map<?, ?>) Json.parse(r.out())).get("results");
        assertEquals(4, rows.size());
        for (Object o : rows) {
            Map<?, ?> row = (Map<?, ?>) o;
            int beta = (int) number(row, "beta"), batch = (int) number(row, "batch");
            SecureActivation act = beta == 0 ? SecureActivation.exact()
                    : SecureActivation.pann(SignPolynomials.forBeta(beta), model.pann().bound(), TruncationMode.DEALER);
            long[] expected = inMemory(model, act, 20, batch);
            assertEquals(expected[0], number(row, "rounds"), row.toString());
            assertEquals(expected[1], number(row, "bytesPerParty"), row.toString());
            assertEquals(expected[2], number(row, "dealerBytes"), row.toString());
            assertEquals(batch, number(row, "agree"), "secure and plaintext classes differ: " + row);
        }
    }
}
