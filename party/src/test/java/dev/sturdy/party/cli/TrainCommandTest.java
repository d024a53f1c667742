package dev.sturdy.party.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.TestData;
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

    @Test
    @SuppressWarnings("unchecked")
    void trainsOnASubsetThenEvalReadsTheModel() {
        CliRun run = CliRun.of(train("smallcnn", "idx:" + TestData.fashionMnist() + ":train", "--limit", "512", "--batch", "32",
                "--lr", "0.05", "--mixup", "0.5", "--ngnv", "r=0.3,lambda=0.1", "--track-pann", "9",
                "--track-limit", "100").toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.exists(dir.resolve("t.track.csv")) && Files.exists(dir.resolve("t.track.png")));
        CliRun eval = CliRun.of("eval", "--model", dir.resolve("t.model").toString(), "--data", "idx:" + TestData.fashionMnist(),
                "--beta", "9", "--limit", "100", "--json");
        assertEquals(0, eval.exitCode(), eval.err());
        Map<String, Object> doc = (Map<String, Object>) Json.parse(eval.out());
        double backbone = ((Number) ((Map<String, Object>) doc.get("backbone")).get("accuracy")).doubleValue();
        assertTrue(backbone > 20, "backbone accuracy after 16 steps on 512 images: " + backbone + "% (chance 10%)");
    }
}
