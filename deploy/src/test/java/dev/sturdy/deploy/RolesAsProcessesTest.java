package dev.sturdy.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.deploy.DeploymentWriter;
import dev.sturdy.deploy.LocalCluster;
import dev.sturdy.party.client.SturdyClient;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every role as its own OS process (sturdy party / sturdy dealer), over loopback TLS, queried through gRPC. */
class RolesAsProcessesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void aQueryAgreesWithThePlaintextPannAndAKilledPartyGivesAClearErrorWithinTheTimeout(int parties) throws Exception {
        TestDeployment d = new TestDeployment(parties, dir, Duration.ofSeconds(5));
        List<Process> processes;
        try (LocalCluster cluster = LocalCluster.start(dir, parties)) {
            processes = cluster.processes();
            cluster.awaitHealthy(d.grpcAddresses(), DeploymentWriter.client(dir), Duration.ofSeconds(120));
            try (SturdyClient client = new SturdyClient(d.grpcAddresses(), DeploymentWriter.client(dir),
                    Duration.ofSeconds(30))) {
                double[] x = d.randomInput(2, 11);
                d.assertAgrees(x, 2, client.infer(x, 2).logits());
                cluster.kill(parties - 1);
                long t0 = System.nanoTime();
                StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                        () -> client.infer(d.randomInput(1, 12), 1));
                double seconds = (System.nanoTime() - t0) / 1e9;
                assertTrue(seconds < 10, "the error took " + seconds + " s");
                assertTrue(e.getMessage().contains("party " + (parties - 1)), e.getMessage());
            }
        }
        for (Process p : processes) {
            assertFalse(p.isAlive(), "a role process outlived the cluster");
        }
    }

    /**
     * A role that stops answering but keeps its connections (SIGSTOP): the client gets an error
     * naming it within the receive timeout, not at its own deadline; resumed, it serves again.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aRoleThatHangsWhileConnectedIsNamedWithinTheTimeoutAndServesAgainOnceResumed(int hung) throws Exception {
        TestDeployment d = new TestDeployment(2, dir, Duration.ofSeconds(5));
        try (LocalCluster cluster = LocalCluster.start(dir, 2)) {
            cluster.awaitHealthy(d.grpcAddresses(), DeploymentWriter.client(dir), Duration.ofSeconds(120));
            try (SturdyClient client = new SturdyClient(d.grpcAddresses(), DeploymentWriter.client(dir),
                    Duration.ofSeconds(60))) {
                double[] x = d.randomInput(1, 31);
                d.assertAgrees(x, 1, client.infer(x, 1).logits());
                signal(cluster.process(hung), "STOP");
                try {
                    long t0 = System.nanoTime();
                    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                            () -> client.infer(d.randomInput(1, 32), 1));
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    assertTrue(seconds < 20, "the error took " + seconds + " s; the client's own deadline is 60 s");
                    assertTrue(e.getMessage().contains(hung == 2 ? "the dealer" : "party 1"), e.getMessage());
                } finally {
                    signal(cluster.process(hung), "CONT");
                }
                double[] y = d.randomInput(1, 33);
                d.assertAgrees(y, 1, client.infer(y, 1).logits());
            }
        }
    }

    private static void signal(Process p, String signal) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor());
    }
}
