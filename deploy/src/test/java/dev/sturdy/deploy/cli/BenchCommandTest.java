package dev.sturdy.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.deploy.bench.ElementwiseWorkload;
import dev.sturdy.model.Model;
import dev.sturdy.model.approx.ActivationPlan;
import dev.sturdy.model.approx.SignPolynomials;
import dev.sturdy.model.fixed.FixedPointPolicy;
import dev.sturdy.model.lower.LoweredGraph;
import dev.sturdy.model.json.Json;
import dev.sturdy.party.cli.CliRun;
import dev.sturdy.party.samples.DemoModel;
import dev.sturdy.protocol.eval.ExpectedCost;
import dev.sturdy.protocol.eval.ModelShares;
import dev.sturdy.protocol.eval.SecureModel;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code sturdy bench} end to end (roles as processes): the reported rounds and bytes equal what
 * the protocol's definition says ({@link ExpectedCost}, AppReLU's plan), and the secure classes the
 * plaintext ones.
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
        // the input u = x / 50 has 16 + 24 fractional bits in 64
        ActivationPlan plan = ActivationPlan.of(SignPolynomials.forBeta(ElementwiseWorkload.POLY_BETA), FixedPointPolicy.DEFAULT);
        ExpectedCost.Cost expected = ExpectedCost.appRelu(n, plan, 64, 16 + 24, 2);
        assertEquals(expected.rounds(), number(doc, "rounds"));
        assertEquals(expected.bytesSent(), number(doc, "bytesPerParty"));
        assertTrue(number(doc, "dealerBytes") > expected.bytesSent(), "the dealer sends the mask powers");
    }

    @Test
    void modelBenchReportsThePlansCostAndAgreesWithThePlaintextModel() throws Exception {
        CliRun r = CliRun.with(Sturdy.commandLine(), "bench", "--beta", "9", "--batch", "1,2", "--reps", "1", "--accuracy-images", "0", "--json");
        assertEquals(0, r.exitCode(), r.err() + r.out());
        Model model = DemoModel.load();
        // the bench's split: the layout depends on the weights only, so a fresh split has the same one
        SecureModel secure = ModelShares.split(LoweredGraph.of(model.graph()), model.pann().bound(), FixedPointPolicy.DEFAULT, 2,
                new SecureRandom()).model();
        List<?> rows = (List<?>) ((Map<?, ?>) Json.parse(r.out())).get("results");
        assertEquals(4, rows.size());
        for (Object o : rows) {
            Map<?, ?> row = (Map<?, ?>) o;
            int beta = (int) number(row, "beta"), batch = (int) number(row, "batch");
            ExpectedCost.Cost expected = ExpectedCost.of(secure, beta, batch, 2);
            assertEquals(expected.rounds(), number(row, "rounds"), row.toString());
            assertEquals(expected.bytesSent(), number(row, "bytesPerParty"), row.toString());
            assertTrue(number(row, "dealerBytes") > 0, row.toString());
            assertEquals(batch, number(row, "agree"), "secure and plaintext classes differ: " + row);
        }
    }
}
