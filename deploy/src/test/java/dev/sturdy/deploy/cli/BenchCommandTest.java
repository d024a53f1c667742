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
import dev.sturdy.party.samples.DemoImages;
import dev.sturdy.party.samples.DemoModel;
import dev.sturdy.protocol.eval.ExpectedCost;
import dev.sturdy.protocol.eval.ModelShares;
import dev.sturdy.protocol.eval.SecureModel;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        // the input u = x / 50 has 16 + 24 fractional bits in 64; each opening sends max(40, wire bits + 2)
        ActivationPlan plan = ActivationPlan.of(SignPolynomials.forBeta(ElementwiseWorkload.POLY_BETA), FixedPointPolicy.DEFAULT);
        long bytes = 8L * ((n * 40L + 63) / 64) * (plan.stages().size() + 1);
        assertEquals(plan.stages().size() + 1, number(doc, "rounds"));
        assertEquals(bytes, number(doc, "bytesPerParty"));
        assertTrue(number(doc, "dealerBytes") > bytes, "the dealer sends the mask powers");
    }

    /**
     * Also, with {@code --data} (when Fashion-MNIST is installed), the accuracy the bench reports per
     * mode is what {@code sturdy eval} measures on the same class-balanced sample.
     */
    @Test
    void modelBenchReportsThePlansCostAndAgreesWithThePlaintextModel(@TempDir Path dir) throws Exception {
        boolean data = Files.isDirectory(DemoImages.FASHION_MNIST);
        String spec = "idx:" + DemoImages.FASHION_MNIST;
        CliRun r = data
                ? CliRun.with(Sturdy.commandLine(), "bench", "--beta", "9", "--batch", "1,2", "--reps", "1", "--data", spec,
                        "--accuracy-images", "60", "--json")
                : CliRun.with(Sturdy.commandLine(), "bench", "--beta", "9", "--batch", "1,2", "--reps", "1", "--accuracy-images", "0", "--json");
        assertEquals(0, r.exitCode(), r.err() + r.out());
        Model model = DemoModel.load();
        // the bench's split: the layout depends on the weights only, so a fresh split has the same one
        SecureModel secure = ModelShares.split(LoweredGraph.of(model.graph()), model.pann().bound(), FixedPointPolicy.DEFAULT, 2,
                new SecureRandom()).model();
        Map<?, ?> eval = null;
        if (data) {
            Path file = dir.resolve("default.model");
            try (InputStream in = BenchCommandTest.class.getResourceAsStream(DemoModel.RESOURCE)) {
                Files.copy(in, file);
            }
            CliRun e = CliRun.with(Sturdy.commandLine(), "eval", "--model", file.toString(), "--data", spec, "--limit", "60", "--seed", "0",
                    "--beta", "9", "--json");
            assertEquals(0, e.exitCode(), e.err());
            eval = (Map<?, ?>) Json.parse(e.out());
        }
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
            if (eval != null) {
                Map<?, ?> expectedAccuracy = beta == 0 ? (Map<?, ?>) eval.get("backbone")
                        : (Map<?, ?>) ((List<?>) eval.get("pann")).get(0);
                assertEquals(((Number) expectedAccuracy.get("accuracy")).doubleValue(),
                        ((Number) row.get("accuracy")).doubleValue(), 1e-9, row.toString());
            }
        }
    }
}
