package dev.sturdy.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.json.Json;
import dev.sturdy.party.cli.CliRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's command, as processes over TLS: the secure class equals the plaintext PANN's on every image. */
class DemoCommandTest {
    @Test
    void demoJsonAgreesWithThePlaintextPannOnEveryImage() {
        CliRun r = CliRun.with(Sturdy.commandLine(), "demo", "--parties", "2", "--images", "2", "--json");
        assertEquals(0, r.exitCode(), r.err() + r.out());
        Map<?, ?> doc = (Map<?, ?>) Json.parse(r.out());
        List<?> results = (List<?>) doc.get("results");
        assertEquals(2, results.size());
        for (Object o : results) {
            Map<?, ?> row = (Map<?, ?>) o;
            assertEquals(row.get("plainClass"), row.get("secureClass"), row.toString());
            assertEquals(Boolean.TRUE, row.get("agree"));
            List<?> parties = (List<?>) row.get("parties");
            assertEquals(2, parties.size());
            assertTrue(((Number) ((Map<?, ?>) parties.get(0)).get("bytesSent")).longValue() > 0);
            assertTrue(((Number) row.get("dealerBytesSent")).longValue() > 0);
        }
    }
}
