package dev.sturdy.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sturdy.party.client.SturdyClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Soak: 64 concurrent clients x 10 queries against every role as its own process (what
 * {@code sturdy local} runs), twice. Every answer must agree with the plaintext PANN, and the
 * second round must leave each role's threads and live heap (after a full GC) where the first
 * left them (no leak per query); resident memory is reported (the JVM grows its heap lazily). Times are reported, not asserted. Opt-in with {@code -Dsturdy.soak=true} (two
 * to four minutes on 2 cores); it writes {@code target/soak-N.md}, whose latest figures
 * docs/results/soak.md holds.
 */
class SoakTest {
    private static final int CLIENTS = 64;
    private static final int QUERIES = 10;

    @TempDir
    Path dir;

    /** One role's threads, live heap (after a full GC, by jcmd) and resident memory (/proc). */
    private record Usage(int threads, long liveHeapBytes, long rssBytes) {
        private static final Pattern USED = Pattern.compile("used (\\d+)K");

        static Usage of(Process p) throws IOException, InterruptedException {
            jcmd(p, "GC.run");
            Matcher used = USED.matcher(jcmd(p, "GC.heap_info"));
            assertTrue(used.find(), "jcmd GC.heap_info gave no heap use");
            return new Usage((int) ProcStatus.value(p.pid(), "Threads"), Long.parseLong(used.group(1)) << 10,
                    ProcStatus.value(p.pid(), "VmRSS") << 10);
        }

        /** jcmd of the JDK that runs this test. */
        private static String jcmd(Process p, String command) throws IOException, InterruptedException {
            Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
            Process j = new ProcessBuilder(java.resolveSibling("jcmd").toString(), Long.toString(p.pid()), command)
                    .redirectErrorStream(true).start();
            String out = new String(j.getInputStream().readAllBytes());
            j.waitFor();
            return out;
        }

        @Override
        public String toString() {
            return threads + " threads, live heap " + (liveHeapBytes >> 20) + " MiB, resident " + (rssBytes >> 20) + " MiB";
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void sixtyFourClientsTimesTenQueriesAreAllCorrectAndLeaveThreadsAndMemoryFlat(int parties) throws Exception {
        assumeTrue(Boolean.getBoolean("sturdy.soak"), "opt-in: -Dsturdy.soak=true (2-4 minutes)");
        TestDeployment d = new TestDeployment(parties, dir, Duration.ofSeconds(30));
        StringBuilder md = new StringBuilder("| round | queries | seconds | queries/s | latency p50 ms | p95 ms |"
                + " roles after (threads, live heap after a full GC, resident memory) |\n|---|---:|---:|---:|---:|---:|---|\n");
        List<List<Usage>> after = new ArrayList<>();
        try (LocalCluster cluster = LocalCluster.start(dir, parties)) {
            cluster.awaitHealthy(d.grpcAddresses(), DeploymentWriter.client(dir), Duration.ofSeconds(120));
            after.add(usage(cluster, parties));
            for (int round = 1; round <= 2; round++) {
                List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
                long t0 = System.nanoTime();
                run(d, round, latencies);
                double seconds = (System.nanoTime() - t0) / 1e9;
                after.add(usage(cluster, parties));
                List<Double> sorted = new ArrayList<>(latencies);
                Collections.sort(sorted);
                md.append(String.format("| %d | %d | %.1f | %.1f | %.0f | %.0f | %s |%n", round, sorted.size(), seconds,
                        sorted.size() / seconds, 1000 * sorted.get(sorted.size() / 2),
                        1000 * sorted.get(sorted.size() * 95 / 100), after.get(round)));
            }
        }
        md.insert(0, "Soak, " + parties + " parties + dealer, " + CLIENTS + " clients x " + QUERIES
                + " queries per round; before the first round: " + after.get(0) + "\n\n");
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/soak-" + parties + ".md"), md);
        System.out.println(md);
        for (int role = 0; role <= parties; role++) {
            Usage first = after.get(1).get(role);
            Usage second = after.get(2).get(role);
            assertTrue(second.threads() <= first.threads() + 4, "role " + role + ": threads " + first + " -> " + second);
            assertTrue(second.liveHeapBytes() <= first.liveHeapBytes() + (8L << 20),
                    "role " + role + ": live heap " + first + " -> " + second);
        }
    }

    private static List<Usage> usage(LocalCluster cluster, int parties) throws IOException, InterruptedException {
        List<Usage> out = new ArrayList<>();
        for (int role = 0; role <= parties; role++) {
            out.add(Usage.of(cluster.process(role)));
        }
        return out;
    }

    /** 64 clients, each its own SturdyClient, 10 queries each; every answer checked against the plaintext PANN. */
    private static void run(TestDeployment d, int round, List<Double> latencies) {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<CompletableFuture<Void>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int id = c;
                clients.add(CompletableFuture.runAsync(() -> {
                    try (SturdyClient client = new SturdyClient(d.grpcAddresses(), DeploymentWriter.client(d.dir),
                            Duration.ofSeconds(120))) {
                        for (int q = 0; q < QUERIES; q++) {
                            double[] x = d.randomInput(1, 100_000L * round + 100L * id + q);
                            long t = System.nanoTime();
                            double[] logits = client.infer(x, 1).logits();
                            latencies.add((System.nanoTime() - t) / 1e9);
                            d.assertAgrees(x, 1, logits);
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, pool));
            }
            CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdownNow();
        }
    }
}
