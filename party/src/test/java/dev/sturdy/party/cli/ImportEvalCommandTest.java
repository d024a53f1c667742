package dev.sturdy.party.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.Model;
import dev.sturdy.model.TestData;
import dev.sturdy.model.approx.SignPolynomials;
import dev.sturdy.model.data.DataSpec;
import dev.sturdy.model.data.Dataset;
import dev.sturdy.model.data.Samples;
import dev.sturdy.model.eval.AccuracyRun;
import dev.sturdy.model.eval.ActivationMode;
import dev.sturdy.model.eval.LabelledImages;
import dev.sturdy.model.eval.ModeResult;
import dev.sturdy.model.eval.PlainEvaluator;
import dev.sturdy.model.eval.ReferencePredictions;
import dev.sturdy.model.file.ModelFiles;
import dev.sturdy.model.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportEvalCommandTest {

    @TempDir
    Path dir;

    private static final int SAMPLE = 200;

    /** `sturdy import` of the published ResNet-20 with ImageNet mean and std; the model file's path. */
    private Path importResNet20() {
        Path model = dir.resolve("r20.model");
        CliRun imported = CliRun.of("import", "--arch", "resnet20", "--weights",
                TestData.shared("models/resnet20-lee2022b.npz").toString(), "--mean", "0.485,0.456,0.406",
                "--std", "0.229,0.224,0.225", "--out", model.toString());
        assertEquals(0, imported.exitCode(), imported.err());
        return model;
    }

    /** eval --limit 200 takes the class-balanced sample of seed 1; these are its test records. */
    private static int[] sample(Dataset data) {
        return Samples.classBalanced(data, SAMPLE, 1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> evalJson(String... args) {
        CliRun eval = CliRun.of(args);
        assertEquals(0, eval.exitCode(), eval.err());
        return (Map<String, Object>) Json.parse(eval.out());
    }

    private static double accuracy(Object mode) {
        return ((Number) ((Map<?, ?>) mode).get("accuracy")).doubleValue();
    }

    /** What eval reports per mode is what an AccuracyRun of the imported file measures on the same sample. */
    @Test
    void importThenEvaluateReportsEveryPrecisionAndWritesThePlot() throws Exception {
        Path model = importResNet20();
        Path data = TestData.shared("datasets/cifar10-bin");
        Path png = dir.resolve("acc.png");
        Map<String, Object> doc = evalJson("eval", "--model", model.toString(), "--data", "cifar10-bin:" + data,
                "--beta", "8..10", "--limit", Integer.toString(SAMPLE), "--json", "--plot", png.toString());
        assertEquals((long) SAMPLE, doc.get("images"));

        Model imported = ModelFiles.read(model);
        Dataset test = DataSpec.open("cifar10-bin:" + data);
        LabelledImages images = LabelledImages.load(test, sample(test), imported.graph().input());
        AccuracyRun run = new AccuracyRun(new PlainEvaluator(imported), 2);
        assertEquals(run.run(images, ActivationMode.BACKBONE, n -> { }).accuracy(), accuracy(doc.get("backbone")), 1e-9);
        List<Map<String, Object>> pann = (List<Map<String, Object>>) doc.get("pann");
        assertEquals(List.of(8L, 9L, 10L), pann.stream().map(p -> p.get("beta")).toList());
        for (Map<String, Object> row : pann) {
            int beta = ((Number) row.get("beta")).intValue();
            ModeResult expected = run.run(images, ActivationMode.pann(SignPolynomials.forBeta(beta), 50), n -> { });
            assertEquals(expected.accuracy(), accuracy(row), 1e-9, "B = " + beta);
            assertEquals(expected.ranges().totalOutside(), ((Number) row.get("outOfRange")).longValue(), "B = " + beta);
        }
        assertTrue(javax.imageio.ImageIO.read(png.toFile()).getWidth() >= 800, "plot written");
    }

    /**
     * With approxCNN's published polynomials (--poly), each accuracy eval reports is the share of the
     * sample on which the independent float64 evaluation predicts the label.
     */
    @Test
    void evalWithPublishedPolynomialsAgreesWithTheIndependentEvaluation() {
        Path model = importResNet20();
        Path data = TestData.shared("datasets/cifar10-bin");
        Map<String, Object> doc = evalJson("eval", "--model", model.toString(), "--data", "cifar10-bin:" + data,
                "--beta", "8..12", "--poly", TestData.shared("reference/approxcnn-sign-polys").toString(),
                "--limit", Integer.toString(SAMPLE), "--json");
        ReferencePredictions reference = ReferencePredictions.load();
        int[] records = sample(DataSpec.open("cifar10-bin:" + data));
        assertEquals(referenceAccuracy(reference, "bb", records), accuracy(doc.get("backbone")), 1e-9);
        List<?> pann = (List<?>) doc.get("pann");
        assertEquals(5, pann.size());
        for (Object row : pann) {
            long beta = ((Number) ((Map<?, ?>) row).get("beta")).longValue();
            assertEquals(referenceAccuracy(reference, "b" + beta, records), accuracy(row), 1e-9, "B = " + beta);
        }
    }

    private static double referenceAccuracy(ReferencePredictions reference, String column, int[] records) {
        long correct = Arrays.stream(records).filter(i -> reference.get(column, i) == reference.get("label", i)).count();
        return 100.0 * correct / records.length;
    }

    @Test
    void aTooSmallBoundIsReportedPerLayerWithTheBoundThatWouldHold() throws Exception {
        Path model = importResNet20();
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
