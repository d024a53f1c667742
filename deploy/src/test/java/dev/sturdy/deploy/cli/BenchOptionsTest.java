package dev.sturdy.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.TestData;
import dev.sturdy.model.file.ModelFiles;
import dev.sturdy.model.json.Json;
import dev.sturdy.party.cli.CliRun;
import dev.sturdy.party.samples.DemoModel;
import dev.sturdy.protocol.eval.ExpectedCost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sturdy bench}'s options end to end, every role a process: emulated latency and bandwidth
 * (a query cannot beat the delays they add), the latency verdict, {@code --out}'s files, the plaintext
 * accuracy with {@code --data}, {@code --relu none} and the mul, relu and lenet workloads, whose
 * rounds and bytes follow from their protocols.
 */
class BenchOptionsTest {
    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> bench(String... args) {
        CliRun r = CliRun.with(Sturdy.commandLine(), args);
        assertEquals(0, r.exitCode(), r.err() + r.out());
        return (Map<String, Object>) Json.parse(r.out());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Map<String, Object> doc) {
        return (List<Map<String, Object>>) doc.get("results");
    }

    private static double number(Map<String, Object> row, String key) {
        return ((Number) row.get(key)).doubleValue();
    }

    /** Every round waits at least one emulated one-way delay, and a link carries at most its bandwidth. */
    private static void assertPaysTheEmulatedLink(Map<String, Object> row, double latencySeconds, double mbit) {
        double floor = Math.max(number(row, "rounds") * latencySeconds, mbit > 0 ? number(row, "bytesPerParty") * 8 / (mbit * 1e6) : 0);
        assertTrue(number(row, "bestSeconds") >= floor, "faster than the emulated link allows (" + floor + " s): " + row);
    }

    /**
     * The demo model at 0 and 15 ms: costs independent of latency, time at 15 ms at least rounds x 15 ms,
     * the verdict on the two lines through the measured times, the files of --out, and per mode the
     * plaintext accuracy that sturdy eval measures on the same class-balanced Fashion-MNIST sample.
     */
    @Test
    @SuppressWarnings("unchecked")
    void latencyVerdictOutFilesAndAccuracy() throws Exception {
        String data = "idx:" + TestData.fashionMnist();
        Path out = dir.resolve("out");
        Map<String, Object> doc = bench("bench", "--beta", "9", "--batch", "1", "--reps", "1", "--tls", "off",
                "--latency-ms", "0,15", "--data", data, "--accuracy-images", "60", "--json", "--out", out.toString());
        List<Map<String, Object>> rows = rows(doc);
        assertEquals(List.of("0.0 B=9", "0.0 exact", "15.0 B=9", "15.0 exact"),
                rows.stream().map(r -> number(r, "latencyMs") + " " + r.get("mode")).toList());
        for (int i = 0; i < 2; i++) {
            Map<String, Object> still = rows.get(i), delayed = rows.get(i + 2);
            for (String cost : List.of("rounds", "bytesPerParty", "dealerBytes")) {
                assertEquals(still.get(cost), delayed.get(cost), cost + " must not depend on latency");
            }
            assertPaysTheEmulatedLink(delayed, 0.015, 0);
            assertEquals(1L, delayed.get("agree"));
        }

        // The two lines through (0 ms, t0) and (15 ms, t15) of PANN and of exact ReLU.
        double p0 = number(rows.get(0), "secondsPerImage"), e0 = number(rows.get(1), "secondsPerImage");
        double pSlope = (number(rows.get(2), "secondsPerImage") - p0) / 0.015;
        double eSlope = (number(rows.get(3), "secondsPerImage") - e0) / 0.015;
        List<String> verdict = (List<String>) doc.get("crossover");
        assertEquals(1, verdict.size(), String.valueOf(verdict));
        String sentence = verdict.get(0);
        assertTrue(sentence.startsWith("B=9 (" + rows.get(0).get("rounds") + " rounds vs " + rows.get(1).get("rounds")
                + " exact): PANN "), sentence);
        boolean fasterAt0 = p0 <= e0;
        boolean fasterAt15 = number(rows.get(2), "secondsPerImage") <= number(rows.get(3), "secondsPerImage");
        assertTrue(sentence.contains(fasterAt0 ? "at least as fast as exact ReLU from 0 ms"
                : fasterAt15 ? "at least as fast as exact ReLU from 15 ms" : "slower than exact ReLU at every measured latency"),
                sentence);
        if (!fasterAt0 && pSlope >= eSlope) {
            assertTrue(sentence.endsWith(String.format("the lines never cross: PANN pays %.1f ms per ms of latency, exact ReLU %.1f",
                    pSlope, eSlope)), sentence);
        }

        String table = Files.readString(out.resolve("table.md"));
        assertTrue(table.contains("## PANN against exact ReLU as latency grows\n\n- " + sentence + "\n"), table);
        assertEquals(doc, Json.parse(Files.readString(out.resolve("results.json"))));
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(rows.size() + 1, csv.size());
        List<String> header = List.of(csv.get(0).split(","));
        for (int i = 0; i < rows.size(); i++) {
            String[] cells = csv.get(i + 1).split(",");
            for (String[] column : new String[][] {{"rounds", "rounds"}, {"bytes_per_party", "bytesPerParty"},
                    {"dealer_bytes", "dealerBytes"}}) {
                assertEquals(((Number) rows.get(i).get(column[1])).longValue(), Long.parseLong(cells[header.indexOf(column[0])]));
            }
        }
        for (String png : List.of("cost.png", "latency.png", "accuracy.png")) {
            assertNotNull(ImageIO.read(out.resolve(png).toFile()), png);
        }

        Path model = dir.resolve("default.model");
        ModelFiles.write(DemoModel.load(), model);
        Map<String, Object> eval = bench("eval", "--model", model.toString(), "--data", data, "--limit", "60", "--seed", "0",
                "--beta", "9", "--json");
        double backbone = number((Map<String, Object>) eval.get("backbone"), "accuracy");
        double b9 = number(((List<Map<String, Object>>) eval.get("pann")).get(0), "accuracy");
        for (Map<String, Object> row : rows) {
            assertEquals(row.get("mode").equals("exact") ? backbone : b9, number(row, "accuracy"), 1e-9, row.toString());
        }
    }

    /** --relu none measures PANN alone (so no verdict); at 50 Mbit/s a query takes at least its bytes' time. */
    @Test
    void reluNoneUnderABandwidthLimit() {
        Map<String, Object> doc = bench("bench", "--beta", "9", "--relu", "none", "--batch", "1", "--reps", "1", "--tls", "off",
                "--bandwidth-mbit", "50", "--accuracy-images", "0", "--json");
        List<Map<String, Object>> rows = rows(doc);
        assertEquals(List.of("B=9"), rows.stream().map(r -> r.get("mode")).toList());
        assertFalse(doc.containsKey("crossover"));
        assertEquals(1L, rows.get(0).get("agree"));
        assertPaysTheEmulatedLink(rows.get(0), 0, 50);
    }

    /**
     * n secret values with 16 fractional bits, 2 parties. mul: x and y opened as wires in one round
     * (64 bits each), their product local (its truncation rides on whatever opening reads it next):
     * 16 bytes an element. relu: exact ReLU in a ring of 16 + 5 + 3 bits ({@link ExpectedCost#exactRelu}).
     */
    @Test
    void mulAndReluWorkloadsCostWhatTheirProtocolsSay() {
        int n = 6400;
        Map<String, Object> mul = bench("bench", "--workload", "mul", "--elements", Integer.toString(n), "--tls", "off",
                "--reps", "1", "--json");
        assertEquals("mul", mul.get("workload"));
        assertEquals(1L, mul.get("rounds"));
        assertEquals(16L * n, mul.get("bytesPerParty"));
        ExpectedCost.Cost exact = ExpectedCost.exactRelu(n, 24, 0, 2);
        Map<String, Object> relu = bench("bench", "--workload", "relu", "--elements", Integer.toString(n), "--tls", "off",
                "--reps", "1", "--json");
        assertEquals(exact.rounds(), relu.get("rounds"));
        assertEquals(exact.bytesSent(), relu.get("bytesPerParty"));
    }

    /** lenet: the secure class of one image through conv-pool-conv-pool-dense-dense with exact ReLU is the plaintext one. */
    @Test
    void lenetWorkloadAgreesWithThePlaintextNetwork() {
        Map<String, Object> lenet = bench("bench", "--workload", "lenet", "--tls", "off", "--reps", "1", "--json");
        assertEquals("lenet", lenet.get("workload"));
        assertEquals("exact", lenet.get("mode"));
        assertEquals(1L, lenet.get("agree"));
    }
}
