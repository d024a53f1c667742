package dev.sturdy.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sturdy.deploy.DeploymentWriter;
import dev.sturdy.deploy.LocalCluster;
import dev.sturdy.model.graph.Shape;
import dev.sturdy.party.client.SturdyClient;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults in the middle of a query, with every role its own OS process: the dealer, then a compute
 * party, is killed (SIGKILL) while a batch query runs. The client must get an error naming that
 * role within the receive timeout, the surviving roles must stop working on the failed query
 * well before that timeout (the client's cancellation stops them, not the timeout), the restarted role must serve a query that agrees with the plaintext PANN,
 * party 0 (which lives through both faults) must not gain threads, and every process the test did
 * not kill must stop on SIGTERM without needing SIGKILL.
 */
class RoleKilledMidQueryTest {
    private static final int PARTIES = 2;
    private static final int DEALER = PARTIES;
    private static final int BATCH = 8;
    private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(20);
    /** How long the dealer may serve the query before it is killed: a fraction of its work for the batch. */
    private static final long DEALER_RUNS_MILLIS = 50;
    /** Threads a JVM may add by itself between two dumps (compiler threads, cached gRPC executor threads). */
    private static final int THREAD_SLACK = 3;

    @TempDir
    Path dir;

    private TestDeployment d;
    private SturdyClient client;
    private long seed;

    @Test
    void theClientGetsAnErrorNamingTheKilledRoleInTimeAndTheRestartedRoleServes() throws Exception {
        d = new TestDeployment(PARTIES, dir, RECEIVE_TIMEOUT, new Shape(3, 64, 64), BATCH);
        List<Process> killed = new ArrayList<>();
        List<Process> all;
        try (LocalCluster cluster = LocalCluster.start(dir, PARTIES)) {
            cluster.awaitHealthy(d.grpcAddresses(), DeploymentWriter.client(dir), Duration.ofSeconds(120));
            client = new SturdyClient(d.grpcAddresses(), DeploymentWriter.client(dir), Duration.ofSeconds(120));
            try {
                double warm = Math.min(agreeingQuery(), agreeingQuery());
                int threadsBefore = ThreadDump.of(cluster.process(0).pid()).count();

                killed.add(cluster.process(DEALER));
                killDealerMidQuery(cluster);
                cluster.restart(DEALER);
                cluster.awaitHealthy(d.grpcAddresses(), DeploymentWriter.client(dir), Duration.ofSeconds(120));
                agreeingQuery();

                killed.add(cluster.process(1));
                killPartyMidQuery(cluster, 1, warm);
                cluster.restart(1);
                cluster.awaitHealthy(d.grpcAddresses(), DeploymentWriter.client(dir), Duration.ofSeconds(120));
                agreeingQuery();

                int threadsAfter = ThreadDump.of(cluster.process(0).pid()).count();
                assertTrue(threadsAfter <= threadsBefore + THREAD_SLACK, "party 0 had " + threadsBefore
                        + " threads before the faults and " + threadsAfter + " after them");
            } finally {
                client.close();
            }
            all = cluster.processes();
        }
        for (Process p : all) {
            if (!killed.contains(p)) {
                assertEquals(143, p.exitValue(), "a role did not stop on SIGTERM (137: it needed SIGKILL)");
            }
        }
    }

    /** A query of a fresh batch whose logits agree with the plaintext PANN; returns its seconds. */
    private double agreeingQuery() {
        double[] x = d.randomInput(BATCH, ++seed);
        long t0 = System.nanoTime();
        double[] logits = client.infer(x, BATCH).logits();
        double seconds = (System.nanoTime() - t0) / 1e9;
        d.assertAgrees(x, BATCH, logits);
        return seconds;
    }

    /**
     * Freezes the dealer (SIGSTOP), starts a query, waits until both parties are inside it (blocked
     * on the dealer), lets the dealer run for a moment (SIGCONT: it starts serving the query), then
     * kills it. Without the freeze the dealer, which never waits for the parties, could have sent
     * all of a query's correlations before any kill lands, and the query would rightly succeed.
     */
    private void killDealerMidQuery(LocalCluster cluster) throws Exception {
        Process dealer = cluster.process(DEALER);
        signal(dealer, "STOP");
        double[] x = d.randomInput(BATCH, ++seed);
        CompletableFuture<SturdyClient.Answer> query = CompletableFuture.supplyAsync(() -> client.infer(x, BATCH));
        for (int p = 0; p < PARTIES; p++) {
            awaitRunning(cluster.process(p), "dev.sturdy.protocol.");
        }
        signal(dealer, "CONT");
        Thread.sleep(DEALER_RUNS_MILLIS);
        cluster.kill(DEALER);
        assertClearError(query, System.nanoTime(), "dealer", cluster, othersThan(DEALER));
    }

    /** Starts a query and kills compute party {@code role} a third of the way into it (by the warm query's time). */
    private void killPartyMidQuery(LocalCluster cluster, int role, double warmSeconds) throws Exception {
        double[] x = d.randomInput(BATCH, ++seed);
        CompletableFuture<SturdyClient.Answer> query = CompletableFuture.supplyAsync(() -> client.infer(x, BATCH));
        Thread.sleep((long) (warmSeconds * 1000 / 3));
        assertFalse(query.isDone(), "the query ended before the kill; make it larger");
        cluster.kill(role);
        assertClearError(query, System.nanoTime(), "party " + role, cluster, othersThan(role));
    }

    private static List<Integer> othersThan(int role) {
        List<Integer> others = new ArrayList<>();
        for (int r = 0; r <= PARTIES; r++) {
            if (r != role) {
                others.add(r);
            }
        }
        return others;
    }

    /**
     * The query fails within the receive timeout with an error naming the killed role, and the
     * surviving roles stop working on it well before the receive timeout would have stopped them.
     */
    private static void assertClearError(CompletableFuture<SturdyClient.Answer> query, long killed, String name,
                                         LocalCluster cluster, List<Integer> survivors) throws Exception {
        Throwable error = query.handle((answer, e) -> e).get(RECEIVE_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - killed) / 1e9;
        assertTrue(error != null, "the query succeeded although " + name + " was killed in its middle");
        StatusRuntimeException status = assertInstanceOf(StatusRuntimeException.class, error.getCause());
        assertTrue(status.getMessage().contains(name), "the error does not name " + name + ": " + status.getMessage());
        assertTrue(seconds < RECEIVE_TIMEOUT.toSeconds(), "the error took " + seconds + " s");
        for (int survivor : survivors) {
            awaitIdle(cluster.process(survivor), killed);
        }
    }

    private static void signal(Process p, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + signal + " " + p.pid());
    }

    /** Waits (within half the receive timeout) until a thread of the process runs code under {@code prefix}. */
    private static void awaitRunning(Process p, String prefix) throws Exception {
        long deadline = System.nanoTime() + RECEIVE_TIMEOUT.toNanos() / 2;
        while (ThreadDump.of(p.pid()).runningIn(prefix).isEmpty()) {
            if (System.nanoTime() > deadline) {
                fail("pid " + p.pid() + " did not start the query");
            }
            Thread.sleep(100);
        }
    }

    /**
     * Fails unless no thread of the process runs Sturdy code within half the receive timeout, other
     * than main and the dealer's preparer (dealer.prepared), which waits inside Sturdy code between
     * preparations and otherwise computes a future query, never the failed one.
     */
    private static void awaitIdle(Process p, long sinceNanos) throws Exception {
        while (true) {
            List<String> busy = ThreadDump.of(p.pid()).runningIn("dev.sturdy.");
            busy.remove("sturdy-dealer-prepare");
            if (busy.isEmpty()) {
                return;
            }
            if (System.nanoTime() - sinceNanos > RECEIVE_TIMEOUT.toNanos() / 2) {
                fail("threads " + busy + " of pid " + p.pid() + " still work on the failed query "
                        + RECEIVE_TIMEOUT.toSeconds() / 2 + " s after the kill");
            }
            Thread.sleep(200);
        }
    }
}
