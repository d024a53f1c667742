package dev.sturdy.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.Model;
import dev.sturdy.model.data.DataSpec;
import dev.sturdy.model.data.Dataset;
import dev.sturdy.model.data.Samples;
import dev.sturdy.model.eval.AccuracyRun;
import dev.sturdy.model.eval.ActivationMode;
import dev.sturdy.model.eval.LabelledImages;
import dev.sturdy.model.eval.PlainEvaluator;
import dev.sturdy.model.file.ModelFiles;
import dev.sturdy.model.io.NamedArray;
import dev.sturdy.model.zoo.GraphStateDict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sturdy train --init}: a run starts from a model file's weights and normalisation, and refuses one that does not fit. */
class FineTuningTest {

    @TempDir
    Path dir;
    private String data;
    private Path trained;

    @BeforeEach
    void trainOneEpoch() throws Exception {
        Path d = dir.resolve("synthetic");
        IdxWriter.write(new SyntheticImages(800, 1, 28, 10, 1), d, "train");
        IdxWriter.write(new SyntheticImages(300, 1, 28, 10, 2), d, "t10k");
        data = "idx:" + d + ":train";
        trained = dir.resolve("a.model");
        TrainingOptions o = options(data, trained, null, 0.1);
        new TrainingRun(new TrainingOptions(o.architecture(), o.data(), null, 2, o.batch(), o.learningRate(), o.schedule(), 0, 0,
                null, new int[0], 100, 0, 5, null, false, trained, 50, 1, "test"), TrainingMonitor.SILENT).run();
    }

    @Test
    void fineTuningStartsFromTheModelChangesItsWeightsAndKeepsItsNormalisation() throws Exception {
        Model init = ModelFiles.read(trained);
        List<Double> tunedLoss = new ArrayList<>();
        Path out = dir.resolve("b.model");
        TrainingRun.Result tuned = new TrainingRun(options(data, out, trained, 0.01), new LossRecorder(tunedLoss)).run();
        List<Double> freshLoss = new ArrayList<>();
        new TrainingRun(options(data, dir.resolve("c.model"), null, 0.01), new LossRecorder(freshLoss)).run();

        // the first batch already sees a trained network: its loss is well below a fresh network's (about ln 10 = 2.3)
        assertTrue(tunedLoss.get(0) < 0.7 * freshLoss.get(0), "first-batch loss fine-tuned " + tunedLoss.get(0)
                + " vs from scratch " + freshLoss.get(0));
        assertTrue(tuned.history().get(0).loss() < tunedLoss.get(0) * 1.5, "the epoch's loss stays low");

        Model b = ModelFiles.read(out);
        assertArrayEquals(init.normalization().mean(), b.normalization().mean());
        assertArrayEquals(init.normalization().std(), b.normalization().std());
        Map<String, NamedArray> before = GraphStateDict.of(init.graph());
        Map<String, NamedArray> after = GraphStateDict.of(b.graph());
        assertEquals(before.keySet(), after.keySet());
        boolean changed = before.keySet().stream()
                .anyMatch(k -> !java.util.Arrays.equals(before.get(k).values(), after.get(k).values()));
        assertTrue(changed, "one epoch of fine-tuning changes the weights");
        assertEquals(trained.getFileName().toString(), b.metadata().get("init"));

        Dataset test = DataSpec.open(TestSplit.of(data));
        LabelledImages images = LabelledImages.load(test, Samples.classBalanced(test, 200, 3), b.graph().input());
        double accuracy = new AccuracyRun(new PlainEvaluator(b), 2).run(images, ActivationMode.BACKBONE, n -> { }).accuracy();
        assertTrue(accuracy > 25, "the fine-tuned model evaluates: " + accuracy + "% (chance 10%)");
    }

    @Test
    void aMissingFileAnotherArchitectureOrAnotherShapeIsOneClearError() throws Exception {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () ->
                new TrainingRun(options(data, dir.resolve("x.model"), dir.resolve("none.model"), 0.01), TrainingMonitor.SILENT).run());
        assertTrue(missing.getMessage().startsWith("--init: no model file"), missing.getMessage());

        Model m = ModelFiles.read(trained);
        Path resnet = dir.resolve("resnet.model");
        ModelFiles.write(new Model(m.name(), "resnet20", m.graph(), m.classes(), m.normalization(), m.pann(), m.metadata()),
                resnet);
        IllegalArgumentException arch = assertThrows(IllegalArgumentException.class, () ->
                new TrainingRun(options(data, dir.resolve("y.model"), resnet, 0.01), TrainingMonitor.SILENT).run());
        assertEquals("--init resnet.model holds a resnet20, not a smallcnn; fine-tune with --arch resnet20", arch.getMessage());

        Path colour = java.nio.file.Files.createDirectories(dir.resolve("colour"));
        CifarBinaryWriter.write(new SyntheticImages(200, 3, 32, 10, 1), colour.resolve("data_batch_1.bin"));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () ->
                new TrainingRun(options("cifar10-bin:" + colour + ":train", dir.resolve("z.model"), trained, 0.01),
                        TrainingMonitor.SILENT).run());
        assertTrue(shape.getMessage().startsWith("--init a.model does not fit at layer 'conv1': 'conv1.weight' has shape"),
                shape.getMessage());
        assertFalse(shape.getMessage().contains("\n"));
    }

    @Test
    void ngnvFractionsOutsideTheUnitIntervalAreRefused() {
        for (String bad : new String[] {"r=0,lambda=0.1", "r=1.5,lambda=0.1", "r=-0.2,lambda=0.1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NgnvSettings.parse(bad));
            assertTrue(e.getMessage().startsWith("NGNV r must lie in (0, 1]"), e.getMessage());
        }
    }

    private static TrainingOptions options(String spec, Path out, Path init, double lr) {
        return new TrainingOptions("smallcnn", spec, null, 1, 32, lr, Schedule.COSINE, 0, 0, null, new int[0], 100, 0, 5,
                init, false, out, 50, 1, "test");
    }
}
