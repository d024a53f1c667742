package dev.sturdy.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.sturdy.party.api.Cost;
import dev.sturdy.party.api.InferRequest;
import dev.sturdy.party.api.InferenceGrpc;
import dev.sturdy.party.client.SturdyClient;
import dev.sturdy.party.server.GrpcTls;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
            // straight to party 0: through the client, a refusal by party 1 may cancel party 0's call before it arrives
            InetSocketAddress party0Address = d.grpcAddresses().get(0);
            ManagedChannel ch = NettyChannelBuilder.forAddress(party0Address.getHostString(), party0Address.getPort())
                    .sslContext(GrpcTls.client(DeploymentWriter.client(dir))).build();
            try {
                var stub = InferenceGrpc.newBlockingStub(ch).withDeadlineAfter(20, TimeUnit.SECONDS);
                var in = d.model.graph().input();
                assertThrows(StatusRuntimeException.class, () -> stub.infer(request(3, 1, 1, 1, 3))); // wrong size
                int over = 9 * in.size(); // over the max batch
                assertThrows(StatusRuntimeException.class, () -> stub.infer(request(over, 9, in.channels(),
                        in.height(), in.width())));
            } finally {
                ch.shutdownNow();
            }
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

    private static InferRequest request(int values, int... shape) {
        InferRequest.Builder r = InferRequest.newBuilder().setQueryId(new SecureRandom().nextLong())
                .setInputShare(ByteString.copyFrom(new byte[8 * values]));
        for (int s : shape) {
            r.addShape(s);
        }
        return r.build();
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
