package dev.sturdy.deploy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code sturdy bench --workload NAME}: the side-by-side workloads of issue 6 as real role processes.
 * mul, poly and relu are elementwise jobs; lenet is a model job (exact ReLU, one image) of
 * {@link LenetModel}. Sizes as the issue defines them unless {@code elements} overrides them.
 */
final class WorkloadBench {
    static final List<String> NAMES = List.of("mul", "poly", "relu", "lenet");
    /** The elementwise workloads' fixed point (the peer's sfix has f = 16). */
    static final int FRACTIONAL_BITS = 16;

    record Settings(String name, int parties, boolean tls, int elements, int reps,
                    double[] latencies, double bandwidthMbit) {
    }

    private WorkloadBench() {
    }

    static int defaultElements(String name) {
        return name.equals("mul") ? 1_000_000 : 100_000;
    }

    static List<BenchRow> run(Settings s, Path dir, Consumer<String> progress) throws IOException {
        if (s.name().equals("lenet")) {
            ModelBench.Settings m = new ModelBench.Settings(LenetModel.random(new SecureRandom()), s.parties(), s.tls(),
                    new int[] {0}, new int[] {1}, s.reps(), s.latencies(), s.bandwidthMbit(), 0, null, false);
            return new ModelBench(m, Files.createDirectories(dir.resolve("lenet")), progress).run();
        }
        BenchJob.Kind kind = BenchJob.Kind.valueOf(s.name().toUpperCase());
        BenchJob job = BenchJob.elementwise(kind, s.elements(), FRACTIONAL_BITS, s.reps());
        var addresses = BenchCluster.prepare(dir, s.parties());
        List<BenchRow> rows = new ArrayList<>();
        for (double latency : s.latencies()) {
            progress.accept(String.format("%s on %,d secret values, %d compute parties, TLS %s, latency %.0f ms",
                    s.name(), s.elements(), s.parties(), s.tls() ? "on" : "off", latency));
            BenchPlan plan = new BenchPlan(s.parties(), s.tls(), addresses, latency, s.bandwidthMbit(), List.of(job));
            List<Map<?, ?>[]> lines = BenchCluster.run(dir, plan, progress);
            rows.add(BenchRow.of(latency, job, lines.get(0), Map.of(), Double.NaN, Double.NaN, -1));
        }
        return rows;
    }
}
