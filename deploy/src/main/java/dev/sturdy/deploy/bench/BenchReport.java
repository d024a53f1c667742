package dev.sturdy.deploy.bench;

import dev.sturdy.model.json.Json;
import dev.sturdy.model.plot.LinePlot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The bench's outputs: a Markdown table, CSV, JSON, the latency crossover and PNG plots. */
final class BenchReport {
    private final String title;
    private final List<BenchRow> rows;

    BenchReport(String title, List<BenchRow> rows) {
        this.title = title;
        this.rows = List.copyOf(rows);
    }

    List<BenchRow> rows() {
        return rows;
    }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| latency ms | mode | batch | rounds | MB sent / party | dealer MB | correlations | s (median) "
                + "| s (best) | s / image | images / s | plaintext ms / image | accuracy % | agree |\n");
        sb.append("|---:|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (BenchRow r : rows) {
            StringBuilder c = new StringBuilder();
            r.correlations().forEach((k, v) -> c.append(c.length() == 0 ? "" : ", ").append(k).append(' ')
                    .append(String.format("%,d", v)));
            sb.append(String.format("| %.0f | %s | %d | %d | %.2f | %.2f | %s | %.3f | %.3f | %.3f | %.2f | %s | %s | %s |%n",
                    r.latencyMillis(), r.job().label(), r.job().batch(), r.rounds(), r.bytesPerParty() / 1e6,
                    r.dealerBytes() / 1e6, c, r.seconds(), r.bestSeconds(), r.secondsPerImage(), r.imagesPerSecond(),
                    Double.isNaN(r.plainMillis()) ? "" : String.format("%.2f", r.plainMillis()),
                    Double.isNaN(r.accuracy()) ? "" : String.format("%.1f", r.accuracy()),
                    r.agree() < 0 ? "" : r.agree() + "/" + r.job().batch()));
        }
        return sb.toString();
    }

    /** Compute / wait-for-parties / wait-for-dealer per layer type, party 0, for each row. */
    String timeBreakdown() {
        StringBuilder sb = new StringBuilder("| latency ms | mode | batch | layer type | compute ms | waiting on parties ms "
                + "| waiting on dealer ms |\n|---:|---|---:|---|---:|---:|---:|\n");
        for (BenchRow r : rows) {
            r.time().forEach((type, t) -> sb.append(String.format("| %.0f | %s | %d | %s | %.1f | %.1f | %.1f |%n",
                    r.latencyMillis(), r.job().label(), r.job().batch(), type, t[0], t[1], t[2])));
        }
        return sb.toString();
    }

    String csv() {
        StringBuilder sb = new StringBuilder("latency_ms,mode,beta,batch,fraction_bits,rounds,bytes_per_party,dealer_bytes,"
                + "seconds,best_seconds,warmup_seconds,seconds_per_image,images_per_second,plain_ms_per_image,accuracy,agree\n");
        for (BenchRow r : rows) {
            sb.append(String.format("%s,%s,%d,%d,%d,%d,%d,%d,%.6f,%.6f,%.6f,%.6f,%.4f,%s,%s,%s%n", r.latencyMillis(),
                    r.job().label(), r.job().beta(), r.job().batch(), r.job().fractionalBits(), r.rounds(),
                    r.bytesPerParty(), r.dealerBytes(), r.seconds(), r.bestSeconds(), r.warmupSeconds(), r.secondsPerImage(),
                    r.imagesPerSecond(), Double.isNaN(r.plainMillis()) ? "" : String.format("%.4f", r.plainMillis()),
                    Double.isNaN(r.accuracy()) ? "" : String.format("%.2f", r.accuracy()),
                    r.agree() < 0 ? "" : Integer.toString(r.agree())));
        }
        return sb.toString();
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        m.put("results", rows.stream().map(BenchRow::toMap).toList());
        List<String> cross = crossover();
        if (!cross.isEmpty()) {
            m.put("crossover", cross);
        }
        return m;
    }

    /** The crossover sentences when exact ReLU and at least one B were measured at batch 1; else empty. */
    List<String> crossover() {
        List<BenchRow> exact = batchOne("exact");
        if (exact.isEmpty()) {
            return List.of();
        }
        List<List<BenchRow>> pann = new ArrayList<>();
        for (String label : modes()) {
            if (!label.equals("exact")) {
                pann.add(batchOne(label));
            }
        }
        return pann.isEmpty() ? List.of() : Crossover.report(exact, pann);
    }

    private List<String> modes() {
        List<String> out = new ArrayList<>();
        for (BenchRow r : rows) {
            if (!out.contains(r.job().label())) {
                out.add(r.job().label());
            }
        }
        return out;
    }

    private List<BenchRow> batchOne(String label) {
        return rows.stream().filter(r -> r.job().batch() == 1 && r.job().label().equals(label)).toList();
    }

    /** table.md, results.csv, results.json and, for a model bench over B, cost.png, latency.png, accuracy.png. */
    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder md = new StringBuilder("# " + title + "\n\n" + markdown() + "\n## Where the time goes (party 0)\n\n"
                + timeBreakdown());
        List<String> cross = crossover();
        if (!cross.isEmpty()) {
            md.append("\n## PANN against exact ReLU as latency grows\n\n");
            cross.forEach(s -> md.append("- ").append(s).append('\n'));
        }
        Files.writeString(dir.resolve("table.md"), md, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("results.csv"), csv(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("results.json"), Json.pretty(toMap()), StandardCharsets.UTF_8);
        if (rows.stream().anyMatch(r -> r.job().kind() == BenchJob.Kind.MODEL && r.job().beta() > 0)) {
            plots(dir);
        }
    }

    private void plots(Path dir) {
        double first = rows.get(0).latencyMillis();
        List<BenchRow> base = rows.stream().filter(r -> r.job().batch() == 1 && r.latencyMillis() == first).toList();
        List<BenchRow> pann = base.stream().filter(r -> r.job().beta() > 0).toList();
        BenchRow exact = base.stream().filter(r -> r.job().beta() == 0).findFirst().orElse(null);
        double[] x = pann.stream().mapToDouble(r -> r.job().beta()).toArray();
        LinePlot cost = new LinePlot().title(title + ": cost per image by precision (batch 1)")
                .xLabel("precision B").yLabel("MB per image")
                .series("sent per compute party", x, pann.stream().mapToDouble(r -> r.bytesPerParty() / 1e6).toArray())
                .series("sent by the dealer", x, pann.stream().mapToDouble(r -> r.dealerBytes() / 1e6).toArray());
        if (exact != null) {
            cost.referenceLine(exact.bytesPerParty() / 1e6, String.format("exact ReLU, per party %.1f MB",
                    exact.bytesPerParty() / 1e6));
        }
        cost.writePng(dir.resolve("cost.png"));
        LinePlot time = new LinePlot().title(title + ": seconds per image by precision (batch 1)")
                .xLabel("precision B").yLabel("seconds per image");
        for (double latency : new TreeSet<>(rows.stream().map(BenchRow::latencyMillis).toList())) {
            List<BenchRow> at = rows.stream().filter(r -> r.job().batch() == 1 && r.latencyMillis() == latency).toList();
            time.series(String.format("PANN, %.0f ms one way", latency),
                    at.stream().filter(r -> r.job().beta() > 0).mapToDouble(r -> r.job().beta()).toArray(),
                    at.stream().filter(r -> r.job().beta() > 0).mapToDouble(BenchRow::secondsPerImage).toArray());
            at.stream().filter(r -> r.job().beta() == 0).findFirst().ifPresent(e -> time.referenceLine(
                    e.secondsPerImage(), String.format("exact ReLU, %.0f ms", latency)));
        }
        time.writePng(dir.resolve("latency.png"));
        if (pann.stream().anyMatch(r -> !Double.isNaN(r.accuracy()))) {
            LinePlot acc = new LinePlot().title(title + ": plaintext PANN accuracy by precision").xLabel("precision B")
                    .yLabel("top-1 accuracy (%)").yRange(0, 100)
                    .series("PANN", x, pann.stream().mapToDouble(BenchRow::accuracy).toArray());
            if (exact != null && !Double.isNaN(exact.accuracy())) {
                acc.referenceLine(exact.accuracy(), String.format("exact ReLU (backbone) %.1f%%", exact.accuracy()));
            }
            acc.writePng(dir.resolve("accuracy.png"));
        }
    }
}
