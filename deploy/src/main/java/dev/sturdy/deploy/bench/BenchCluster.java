package dev.sturdy.deploy.bench;

import dev.sturdy.deploy.DeploymentWriter;
import dev.sturdy.deploy.FreePorts;
import dev.sturdy.deploy.RoleProcesses;
import dev.sturdy.model.fixed.FixedPointPolicy;
import dev.sturdy.model.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Runs a {@link BenchPlan}: every role as its own OS process ({@code sturdy bench-worker}) on
 * loopback, each printing one JSON line per job; returns the lines by job and role. Certificates
 * (a fresh deployment CA) are written once per bench directory. Role logs: {@code <role>/bench.log}.
 */
final class BenchCluster {
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private BenchCluster() {
    }

    /** Writes the CA and role certificates under {@code dir} and returns free loopback addresses for the roles. */
    static List<InetSocketAddress> prepare(Path dir, int parties) throws IOException {
        int base = FreePorts.range(2 * (parties + 1));
        // the configs' B and f go unused: each bench job carries its own
        DeploymentWriter.write(new DeploymentWriter.Layout(parties, List.of("127.0.0.1"), base, base + parties + 1, 9,
                FixedPointPolicy.activationBitsFor(9), 16, Duration.ofMinutes(10), Duration.ofSeconds(90)), dir, new SecureRandom());
        List<InetSocketAddress> addrs = new ArrayList<>();
        for (int id = 0; id <= parties; id++) {
            addrs.add(new InetSocketAddress("127.0.0.1", base + id));
        }
        return addrs;
    }

    /**
     * Starts the roles, waits for every job's lines and stops the roles. {@code progress} hears of each
     * finished job (party 0's line). Fails naming the role and its log if a role exits early.
     */
    static List<Map<?, ?>[]> run(Path dir, BenchPlan plan, Consumer<String> progress) throws IOException {
        plan.save(dir);
        long start = System.nanoTime();
        int roles = plan.parties() + 1;
        List<Map<?, ?>[]> lines = new ArrayList<>();
        for (int j = 0; j < plan.jobs().size(); j++) {
            lines.add(new Map<?, ?>[roles]);
        }
        List<Process> processes = new ArrayList<>();
        Thread hook = new Thread(() -> processes.forEach(Process::destroyForcibly));
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            List<CompletableFuture<Void>> readers = new ArrayList<>();
            for (int id = roles - 1; id >= 0; id--) {
                Process p = launch(dir, plan.parties(), id);
                processes.add(p);
                int role = id;
                readers.add(CompletableFuture.runAsync(() -> read(p, role, lines, plan, progress, start)));
            }
            awaitAll(processes, dir, plan.parties());
            readers.forEach(CompletableFuture::join);
        } finally {
            RoleProcesses.stop(processes, STOP_GRACE);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook runs
            }
        }
        return lines;
    }

    private static Process launch(Path dir, int parties, int id) throws IOException {
        // the dealer's heap holds a whole query's corrections when it prepares ahead (2 GB: ResNet-20, B = 9, 16 images)
        List<String> cmd = RoleProcesses.command(id == parties ? "6g" : "3g", "bench-worker", "--dir", dir.toString(), "--role",
                Integer.toString(id));
        Path log = DeploymentWriter.roleDir(dir, id, parties).resolve("bench.log");
        return new ProcessBuilder(cmd).redirectError(log.toFile()).start();
    }

    private static void read(Process p, int role, List<Map<?, ?>[]> lines, BenchPlan plan, Consumer<String> progress,
                             long startNanos) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String s; (s = r.readLine()) != null; ) {
                Map<?, ?> m = (Map<?, ?>) Json.parse(s);
                int job = BenchJob.integer(m, "job");
                synchronized (lines) {
                    lines.get(job)[role] = m;
                }
                if (role == 0) {
                    progress.accept(describe(job, plan, m, startNanos));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One finished job, and the time left if the other jobs take as long as the average one so far. */
    private static String describe(int job, BenchPlan plan, Map<?, ?> line, long startNanos) {
        BenchJob j = plan.jobs().get(job);
        List<?> seconds = (List<?>) line.get("seconds");
        int jobs = plan.jobs().size();
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        String eta = job + 1 < jobs ? String.format(", ETA %.0f s", elapsed / (job + 1) * (jobs - job - 1)) : "";
        return String.format("job %d/%d %s%s: %.2f s (warm-up %.2f s)%s", job + 1, jobs, j.label(),
                j.kind() == BenchJob.Kind.MODEL ? " batch " + j.batch() : "",
                ((Number) seconds.get(seconds.size() - 1)).doubleValue(), ((Number) seconds.get(0)).doubleValue(), eta);
    }

    /** Waits until every role exited; the first that fails stops the others (they would wait for it). */
    private static void awaitAll(List<Process> processes, Path dir, int parties) throws IOException {
        int roles = processes.size();
        while (true) {
            boolean all = true;
            for (int i = 0; i < roles; i++) {
                Process p = processes.get(i);
                if (p.isAlive()) {
                    all = false;
                } else if (p.exitValue() != 0) {
                    int id = roles - 1 - i;
                    throw new IOException("bench role " + id + " exited with code " + p.exitValue() + "; see "
                            + DeploymentWriter.roleDir(dir, id, parties).resolve("bench.log"));
                }
            }
            if (all) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the bench roles ran");
            }
        }
    }

}
