package dev.sturdy.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sturdy.model.Model;
import dev.sturdy.model.approx.SignPolynomials;
import dev.sturdy.model.fixed.FixedPointPolicy;
import dev.sturdy.model.json.Json;
import dev.sturdy.party.cli.CliRun;
import dev.sturdy.party.samples.DemoModel;
import dev.sturdy.protocol.eval.SecureActivation;
import dev.sturdy.protocol.eval.SecureRun;
import dev.sturdy.protocol.prg.Seed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's command, as processes over TLS: the secure class equals the plaintext PANN's on
 * every image, and each query costs what the same model, B and fractional bits cost in an in-memory
 * run of the evaluator (rounds and bytes depend on sizes only, not on the transport or the values);
 * for the Fashion-MNIST demo model and for the shipped CIFAR-10 ResNet-20.
 */
class DemoCommandTest {
    @ParameterizedTest
    @ValueSource(strings = {"fashion-mnist", "cifar10"})
    void demoJsonAgreesWithThePlaintextPannOnEveryImage(String dataset) throws Exception {
        CliRun r = CliRun.with(Sturdy.commandLine(), "demo", "--parties", "2", "--images", "2", "--dataset", dataset, "--json");
        assertEquals(0, r.exitCode(), r.err() + r.out());
        Map<?, ?> doc = (Map<?, ?>) Json.parse(r.out());
        List<?> results = (List<?>) doc.get("results");
        assertEquals(2, results.size());

        Model model = dataset.equals("cifar10") ? DemoModel.cifar10() : DemoModel.load();
        SecureRun.Result inMemory = SecureRun.run(model, SecureActivation.pann(SignPolynomials.forBeta(9), FixedPointPolicy.DEFAULT),
                2, new double[model.graph().input().size()], 1);
        for (Object o : results) {
            Map<?, ?> row = (Map<?, ?>) o;
            assertEquals(row.get("plainClass"), row.get("secureClass"), row.toString());
            assertEquals(Boolean.TRUE, row.get("agree"));
            List<?> parties = (List<?>) row.get("parties");
            assertEquals(2, parties.size());
            Map<?, ?> party0 = (Map<?, ?>) parties.get(0);
            assertEquals(inMemory.party0().total().rounds(), ((Number) party0.get("rounds")).longValue(), "rounds");
            assertEquals(inMemory.party0().total().bytesSent(), ((Number) party0.get("bytesSent")).longValue(), "bytes party 0 sent");
            // the deployed dealer also sends each party the query's fresh seed
            assertEquals(inMemory.dealerBytes() + 2L * Seed.BYTES, ((Number) row.get("dealerBytesSent")).longValue(),
                    "bytes the dealer sent");
        }
    }
}
