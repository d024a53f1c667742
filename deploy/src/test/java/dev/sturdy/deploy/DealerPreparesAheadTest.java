package dev.sturdy.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sturdy.party.client.SturdyClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deployed dealer computes single-image queries while idle (dealer.prepared): such a query is
 * served from the stock, a larger one live, and both agree with the plaintext PANN; with
 * dealer.prepared=0 nothing is prepared. Read through the dealer's metrics endpoint.
 */
class DealerPreparesAheadTest {
    private static final String READY = "sturdy_dealer_prepared_queries{role=\"dealer\"}";
    private static final String SERVED = "sturdy_dealer_served_prepared_total{role=\"dealer\"}";

    @TempDir
    Path dir;

    @Test
    void singleImageQueriesAreServedFromThePreparedStockAndAgree() throws Exception {
        TestDeployment d = deployment("");
        try (InProcessRoles roles = InProcessRoles.start(d.configs);
             SturdyClient client = new SturdyClient(d.grpcAddresses(), DeploymentWriter.client(dir), Duration.ofSeconds(20))) {
            int port = roles.dealer.metricsPort();
            for (int q = 0; q < 2; q++) {
                await(port, READY, 1);
                double[] x = d.randomInput(1, 70 + q);
                d.assertAgrees(x, 1, client.infer(x, 1).logits());
                await(port, SERVED, q + 1); // the dealer counts once its side returns, maybe after the client's answer
            }
            await(port, READY, 1);
            double[] x = d.randomInput(2, 80);
            d.assertAgrees(x, 2, client.infer(x, 2).logits());
            assertEquals(2.0, MetricsTest.scrape(port).get(SERVED), "two images: served live");
            assertEquals(1.0, MetricsTest.scrape(port).get(READY), "the stock is left as it was");
        }
    }

    @Test
    void nothingIsPreparedWhenTurnedOff() throws Exception {
        TestDeployment d = deployment("dealer.prepared=0\n");
        try (InProcessRoles roles = InProcessRoles.start(d.configs);
             SturdyClient client = new SturdyClient(d.grpcAddresses(), DeploymentWriter.client(dir), Duration.ofSeconds(20))) {
            double[] x = d.randomInput(1, 90);
            d.assertAgrees(x, 1, client.infer(x, 1).logits());
            assertEquals(0.0, MetricsTest.scrape(roles.dealer.metricsPort()).get(READY));
            assertEquals(0.0, MetricsTest.scrape(roles.dealer.metricsPort()).get(SERVED));
        }
    }

    private TestDeployment deployment(String extra) throws Exception {
        TestDeployment d = new TestDeployment(2, dir, Duration.ofSeconds(5));
        Path config = d.configs.get(2);
        Files.writeString(config, Files.readString(config) + "metrics.listen=127.0.0.1\\:0\n" + extra);
        return d;
    }

    private static void await(int port, String series, double value) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (MetricsTest.scrape(port).get(series) != value) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(series + " is not " + value + " after 30 s");
            }
            Thread.sleep(20);
        }
    }
}
