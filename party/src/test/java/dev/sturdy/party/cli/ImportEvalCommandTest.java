package dev.sturdy.party.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.TestData;
import dev.sturdy.model.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportEvalCommandTest {

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void importThenEvaluateReportsEveryPrecisionAndWritesThePlot() throws Exception {
        Path weights = TestData.shared("models/resnet20-lee2022b.npz");
        Path data = TestData.shared("datasets/cifar10-bin");
        Path model = dir.resolve("r20.model");
        CliRun imported = CliRun.of("import", "--arch", "resnet20", "--weights", weights.toString(),
                "--mean", "0.485,0.456,0.406", "--std", "0.229,0.224,0.225", "--out", model.toString());
        assertEquals(0, imported.exitCode(), imported.err());

        Path png = dir.resolve("acc.png");
        CliRun eval = CliRun.of("eval", "--model", model.toString(), "--data", "cifar10-bin:" + data, "--beta", "8..10",
                "--limit", "200", "--json", "--plot", png.toString());
        assertEquals(0, eval.exitCode(), eval.err());
        Map<String, Object> doc = (Map<String, Object>) Json.parse(eval.out());
        assertEquals(200L, doc.get("images"));
        double backbone = ((Number) ((Map<String, Object>) doc.get("backbone")).get("accuracy")).doubleValue();
        assertTrue(backbone > 60 && backbone < 100, "backbone accuracy " + backbone);
        List<Map<String, Object>> pann = (List<Map<String, Object>>) doc.get("pann");
        assertEquals(List.of(8L, 9L, 10L), pann.stream().map(p -> p.get("beta")).toList());
        double b8 = ((Number) pann.get(0).get("accuracy")).doubleValue();
        double b10 = ((Number) pann.get(2).get("accuracy")).doubleValue();
        assertTrue(b8 < b10, "precision 2^-8 must cost accuracy against 2^-10: " + b8 + " vs " + b10);
        assertEquals(0L, pann.get(0).get("outOfRange"));
        assertTrue(javax.imageio.ImageIO.read(png.toFile()).getWidth() >= 800, "plot written");
    }

    @Test
    void aTooSmallBoundIsReportedPerLayerWithTheBoundThatWouldHold() throws Exception {
        Path model = dir.resolve("r20.model");
        assertEquals(0, CliRun.of("import", "--arch", "resnet20", "--weights", TestData.shared("models/resnet20-lee2022b.npz").toString(),
                "--mean", "0.485,0.456,0.406", "--std", "0.229,0.224,0.225", "--out", model.toString()).exitCode());
        CliRun eval = CliRun.of("eval", "--model", model.toString(), "--data", "cifar10-bin:" + TestData.shared("datasets/cifar10-bin"),
                "--beta", "12", "--limit", "50", "--bound", "10");
        assertEquals(0, eval.exitCode(), eval.err());
        assertTrue(eval.out().contains("Activation inputs left [-10, 10]"), eval.out());
        java.util.regex.Matcher layer = java.util.regex.Pattern.compile("B=12\\s+(\\S+)\\s+(\\d+) of (\\d+) inputs").matcher(eval.out());
        assertTrue(layer.find(), eval.out());
        assertTrue(Long.parseLong(layer.group(2)) > 0 && Long.parseLong(layer.group(2)) <= Long.parseLong(layer.group(3)));
        java.util.regex.Matcher held = java.util.regex.Pattern.compile("Rerun with --bound (\\d+) or more").matcher(eval.out());
        assertTrue(held.find(), eval.out());
        assertTrue(Integer.parseInt(held.group(1)) > 10, eval.out());
    }

    @Test
    void badInputGivesOneClearLine() throws Exception {
        Path garbage = dir.resolve("w.npz");
        Files.write(garbage, new byte[] {1, 2, 3});
        for (String[] args : List.of(
                new String[] {"import", "--arch", "resnet21", "--weights", garbage.toString(), "--out", "x.model"},
                new String[] {"import", "--arch", "resnet20", "--weights", dir.resolve("none.npz").toString(), "--out", "x.model"},
                new String[] {"import", "--arch", "resnet20", "--weights", garbage.toString(), "--out", "x.model"},
                new String[] {"eval", "--model", dir.resolve("none.model").toString(), "--data", "cifar10-bin:/nowhere"},
                new String[] {"eval", "--model", garbage.toString(), "--data", "cifar10-bin:/nowhere"},
                new String[] {"eval", "--model", "m", "--data", "x", "--beta", "2..30"})) {
            CliRun run = CliRun.of(args);
            assertEquals(2, run.exitCode(), String.join(" ", args) + "\n" + run.err());
            assertEquals(1, run.err().strip().lines().count(), String.join(" ", args) + " printed:\n" + run.err());
        }
    }
}
