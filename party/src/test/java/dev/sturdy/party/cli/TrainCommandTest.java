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
import dev.sturdy.model.eval.PlainEvaluator;
import dev.sturdy.model.file.ModelFiles;
import dev.sturdy.model.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {


    @TempDir
    Path dir;

    private List<String> train(String arch, String data, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--arch", arch, "--data", data, "--epochs", "1",
                "--out", dir.resolve("t.model").toString()));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void badInputGivesOneClearLine() throws Exception {
        Path notIdx = Files.createDirectories(dir.resolve("not-idx"));
        Files.write(notIdx.resolve("train-images-idx3-ubyte"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Files.write(notIdx.resolve("train-labels-idx1-ubyte"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Map<List<String>, String> cases = Map.of(
                train("resnet21", "idx:" + notIdx + ":train"), "unknown architecture 'resnet21'",
                train("smallcnn", "idx:" + dir.resolve("missing") + ":train"), "not a directory",
                train("smallcnn", "idx:" + notIdx + ":train"), "IDX magic",
                train("smallcnn", "tfrecord:" + notIdx), "unknown kind 'tfrecord'",
                train("smallcnn", "idx:" + notIdx + ":train", "--ngnv", "r=1.5,lambda=0.1"), "NGNV r must lie in (0, 1]",
                train("smallcnn", "idx:" + notIdx + ":train", "--ngnv", "r=0.3,lambda=-0.1"), "NGNV lambda must be finite and >= 0",
                train("smallcnn", "idx:" + notIdx + ":train", "--schedule", "step"), "unknown schedule 'step'",
                train("smallcnn", "idx:" + notIdx + ":train", "--wd", "-1"), "--wd must be >= 0",
                train("smallcnn", "idx:" + notIdx + ":train", "--threads", "0"), "--threads must be at least 1");
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            CliRun run = CliRun.of(c.getKey().toArray(String[]::new));
            assertEquals(2, run.exitCode(), c.getKey() + "\n" + run.err());
            assertEquals(1, run.err().strip().lines().count(), c.getKey() + " printed:\n" + run.err());
            assertTrue(run.err().contains(c.getValue()), c.getKey() + " printed:\n" + run.err());
        }
    }

    @Test
    void wrongShapeAndMissingCheckpointAreRefusedByName() {
        String data = "idx:" + TestData.fashionMnist() + ":train";
        CliRun resnet = CliRun.of(train("resnet20", data, "--limit", "100").toArray(String[]::new));
        assertEquals(2, resnet.exitCode(), resnet.err());
        assertEquals("sturdy train: resnet20 needs 3x32x32 images, the data has 1x28x28 (use smallcnn for 28x28 grey images)",
                resnet.err().strip());
        CliRun resume = CliRun.of(train("smallcnn", data, "--limit", "100", "--resume").toArray(String[]::new));
        assertEquals(2, resume.exitCode(), resume.err());
        assertTrue(resume.err().strip().startsWith("sturdy train: --resume: no checkpoint "), resume.err());
    }

    /**
     * The options reach the run (recorded in the model file), the per-epoch track of the PANN is what
     * eval measures on the same class-balanced sample, and that is what an AccuracyRun of the model
     * file measures; one epoch of 16 steps lifts the backbone above chance.
     */
    @Test
    @SuppressWarnings("unchecked")
    void trainsOnASubsetAndTracksWhatEvalAndAnAccuracyRunMeasure() throws Exception {
        Path fashion = TestData.fashionMnist();
        CliRun run = CliRun.of(train("smallcnn", "idx:" + fashion + ":train", "--limit", "512", "--batch", "32",
                "--lr", "0.05", "--mixup", "0.5", "--ngnv", "r=0.3,lambda=0.1", "--wd", "1e-4", "--track-pann", "9",
                "--track-limit", "100").toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        Model model = ModelFiles.read(dir.resolve("t.model"));
        Map<String, String> recorded = model.metadata();
        assertEquals("512", recorded.get("trainingImages"));
        assertEquals("1", recorded.get("epochs"));
        assertEquals("0.5", recorded.get("mixup"));
        assertEquals("r=0.3,lambda=0.1", recorded.get("ngnv"));
        assertEquals(1e-4, Double.parseDouble(recorded.get("weightDecay")));
        assertTrue(javax.imageio.ImageIO.read(dir.resolve("t.track.png").toFile()).getWidth() > 0, "track plot written");
        List<String> track = Files.readAllLines(dir.resolve("t.track.csv"));
        assertEquals(2, track.size(), "a header and one epoch: " + track);
        List<String> header = List.of(track.get(0).split(","));
        String[] epoch1 = track.get(1).split(",");

        CliRun eval = CliRun.of("eval", "--model", dir.resolve("t.model").toString(), "--data", "idx:" + fashion,
                "--beta", "9", "--limit", "100", "--json");
        assertEquals(0, eval.exitCode(), eval.err());
        Map<String, Object> doc = (Map<String, Object>) Json.parse(eval.out());
        double backbone = ((Number) ((Map<String, Object>) doc.get("backbone")).get("accuracy")).doubleValue();
        double b9 = ((Number) ((List<Map<String, Object>>) doc.get("pann")).get(0).get("accuracy")).doubleValue();
        assertEquals(backbone, Double.parseDouble(epoch1[header.indexOf("backbone")]), 1e-3);
        assertEquals(b9, Double.parseDouble(epoch1[header.indexOf("B9")]), 1e-3);

        Dataset test = DataSpec.open("idx:" + fashion);
        LabelledImages sample = LabelledImages.load(test, Samples.classBalanced(test, 100, 1), model.graph().input());
        AccuracyRun accuracy = new AccuracyRun(new PlainEvaluator(model), 2);
        assertEquals(accuracy.run(sample, ActivationMode.BACKBONE, n -> { }).accuracy(), backbone, 1e-9);
        assertEquals(accuracy.run(sample, ActivationMode.pann(SignPolynomials.forBeta(9), model.pann().bound()), n -> { })
                .accuracy(), b9, 1e-9);
        assertTrue(backbone > 20, "backbone accuracy after 16 steps on 512 images: " + backbone + "% (chance 10%)");
    }
}
