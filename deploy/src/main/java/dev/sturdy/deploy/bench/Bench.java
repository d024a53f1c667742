package dev.sturdy.deploy.bench;

import dev.sturdy.model.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Entry point of {@code sturdy bench}: runs a model bench or a workload in a temporary directory
 * (certificates, shares; deleted afterwards), with TCP slow start after idle off when latency is
 * emulated and the machine allows it.
 */
public final class Bench {
    /** What every bench shares; {@code progress} hears of each step. */
    public record Options(int parties, boolean tls, int reps, double[] latencies, double bandwidthMbit,
                          int accuracyImages, String data, boolean dealerAhead, Consumer<String> progress) {
    }

    /** The measured rows with their presentations. */
    public static final class Result {
        private final BenchReport report;
        private final String workload;

        private Result(BenchReport report, String workload) {
            this.report = report;
            this.workload = workload;
        }

        /** The Markdown table and, for a model bench, the latency crossover. */
        public String text() {
            StringBuilder sb = new StringBuilder(report.markdown());
            report.crossover().forEach(s -> sb.append("- ").append(s).append('\n'));
            return sb.toString();
        }

        /** For a workload the first row's fields also at the top: seconds, bytesPerParty, dealerBytes, rounds. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = report.toMap();
            if (workload != null) {
                m.put("workload", workload);
                m.putAll(report.rows().get(0).toMap());
            }
            return m;
        }

        public void write(Path dir) throws IOException {
            report.write(dir);
        }
    }

    private Bench() {
    }

    /** PANN at each B of {@code modes} (0 = exact ReLU) on {@code model}. */
    public static Result model(Options o, Model model, int[] modes, int[] batches) throws IOException {
        ModelBench.Settings s = new ModelBench.Settings(model, o.parties(), o.tls(), modes, batches, o.reps(),
                o.latencies(), o.bandwidthMbit(), o.accuracyImages(), o.data(), o.dealerAhead());
        List<BenchRow> rows = inTempDir(o, dir -> new ModelBench(s, dir, o.progress()).run());
        return new Result(new BenchReport(model.name() + ", " + o.parties() + " compute parties + dealer, TLS "
                + (o.tls() ? "on" : "off") + (o.dealerAhead() ? ", dealer's corrections prepared ahead" : ""), rows), null);
    }

    /** One of {@link WorkloadBench#NAMES}; {@code elements} null for the size. */
    public static Result workload(Options o, String name, Integer elements) throws IOException {
        if (!WorkloadBench.NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown workload '" + name + "'; expected one of " + WorkloadBench.NAMES);
        }
        int n = elements == null ? WorkloadBench.defaultElements(name) : elements;
        if (n < 1) {
            throw new IllegalArgumentException("--elements must be positive, not " + n);
        }
        WorkloadBench.Settings s = new WorkloadBench.Settings(name, o.parties(), o.tls(), n, o.reps(),
                o.latencies(), o.bandwidthMbit());
        List<BenchRow> rows = inTempDir(o, dir -> WorkloadBench.run(s, dir, o.progress()));
        return new Result(new BenchReport("workload " + name + ", " + o.parties() + " compute parties + dealer, TLS "
                + (o.tls() ? "on" : "off"), rows), name);
    }

    private interface Run {
        List<BenchRow> in(Path dir) throws IOException;
    }

    /** Runs in a fresh directory, deleted afterwards (it holds keys and shares), kept with the role logs on failure. */
    private static List<BenchRow> inTempDir(Options o, Run run) throws IOException {
        Path dir = Files.createTempDirectory("sturdy-bench-");
        boolean emulated = Arrays.stream(o.latencies()).anyMatch(l -> l > 0) || o.bandwidthMbit() > 0;
        List<BenchRow> rows;
        try (SlowStartAfterIdle tcp = emulated ? SlowStartAfterIdle.off(o.progress()) : null) {
            rows = run.in(dir);
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        return rows;
    }
}
