package dev.sturdy.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.party.api.Cost;
import dev.sturdy.party.client.SturdyClient;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The opt-in Prometheus endpoint: scraped after real queries, its counters equal what the client was told. */
class MetricsTest {
    @TempDir
    Path dir;

    @Test
    void scrapedCountersMatchTheQueriesAndTheCostsTheClientGot() throws Exception {
        TestDeployment d = new TestDeployment(2, dir, Duration.ofSeconds(5));
        for (Path config : new Path[] {d.configs.get(0), d.configs.get(2)}) {
            Files.writeString(config, Files.readString(config) + "metrics.listen=127.0.0.1\\:0\n");
        }
        long rounds = 0;
        long bytes = 0;
        try (InProcessRoles roles = InProcessRoles.start(d.configs);
             SturdyClient client = new SturdyClient(d.grpcAddresses(), DeploymentWriter.client(dir), Duration.ofSeconds(20))) {
            assertEquals(-1, roles.parties[1].metricsPort(), "off unless configured");
            for (int q = 0; q < 2; q++) {
                double[] x = d.randomInput(1, 50 + q);
                Cost c = client.infer(x, 1).costs().get(0);
                rounds += c.getRounds();
                bytes += c.getBytesSent();
            }
            assertThrows(StatusRuntimeException.class, () -> client.infer(new double[3], 1)); // wrong size
            assertThrows(StatusRuntimeException.class, () -> client.infer(new double[48 * 9], 9)); // over the max batch
            Map<String, Double> party0 = scrape(roles.parties[0].metricsPort());
            assertEquals(2.0, party0.get("sturdy_queries_total{role=\"party-0\",outcome=\"ok\"}"));
            assertEquals(2.0, party0.get("sturdy_queries_total{role=\"party-0\",outcome=\"refused\"}"));
            assertEquals(0.0, party0.get("sturdy_queries_total{role=\"party-0\",outcome=\"failed\"}"));
            assertEquals(2.0, party0.get("sturdy_query_seconds_count{role=\"party-0\"}"));
            assertEquals(2.0, party0.get("sturdy_query_seconds_bucket{role=\"party-0\",le=\"+Inf\"}"));
            assertEquals((double) rounds, party0.get("sturdy_rounds_total{role=\"party-0\"}"));
            assertEquals((double) bytes, party0.get("sturdy_payload_bytes_sent_total{role=\"party-0\"}"));
            Map<String, Double> dealer = scrape(roles.dealer.metricsPort());
            assertEquals(2.0, dealer.get("sturdy_queries_total{role=\"dealer\",outcome=\"ok\"}"));
            assertTrue(dealer.get("sturdy_payload_bytes_sent_total{role=\"dealer\"}") > 0);
        }
    }

    /** Every sample line of the exposition, by series; fails on a line that is neither a comment nor a sample. */
    static Map<String, Double> scrape(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        Map<String, Double> out = new HashMap<>();
        for (String line : r.body().split("\n")) {
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                continue;
            }
            assertTrue(line.matches("[a-z_]+\\{[a-z]+=\"[^\"]*\"(,[a-z]+=\"[^\"]*\")*\\} -?[0-9.]+"), "not a sample: " + line);
            int space = line.lastIndexOf(' ');
            out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return out;
    }
}
