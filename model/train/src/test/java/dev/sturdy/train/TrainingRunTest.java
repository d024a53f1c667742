package dev.sturdy.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import dev.sturdy.model.graph.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One call trains a small model for an epoch; the exported file evaluates in plaintext above chance. */
class TrainingRunTest {

    @TempDir
    Path dir;

    @Test
    void oneEpochOnSyntheticDataLowersTheLossAndExportsAModelThatEvaluates() throws Exception {
        Path data = dir.resolve("synthetic");
        IdxWriter.write(new SyntheticImages(800, 1, 28, 10, 1), data, "train");
        IdxWriter.write(new SyntheticImages(300, 1, 28, 10, 2), data, "t10k");
        trainAndCheck("idx:" + data + ":train", 0, 25);
    }

    @Test
    void oneEpochFromTheCifarBinaryLayout() throws Exception {
        Path data = Files.createDirectories(dir.resolve("cifar-bin"));
        CifarBinaryWriter.write(new SyntheticImages(800, 3, 32, 10, 1), data.resolve("data_batch_1.bin"));
        CifarBinaryWriter.write(new SyntheticImages(300, 3, 32, 10, 2), data.resolve("test_batch.bin"));
        // The CIFAR augmentation (shift, flip) moves the squares that tell these synthetic classes
        // apart, so one epoch does not separate them: this checks the data path, the falling loss and the export.
        trainAndCheck("cifar10-bin:" + data + ":train", 0, 0);
        assertEquals(new Shape(3, 32, 32), ModelFiles.read(dir.resolve("small.model")).graph().input());
    }

    @Test
    void oneEpochOnAFashionMnistSubset() throws Exception {
        trainAndCheck("idx:" + TestData.fashionMnist() + ":train", 2000, 40);
    }

    @Test
    void aResumedRunEndsWhereAnUninterruptedOneDoes() throws Exception {
        Path data = dir.resolve("synthetic");
        IdxWriter.write(new SyntheticImages(256, 1, 28, 10, 1), data, "train");
        String spec = "idx:" + data + ":train";
        Model straight = new TrainingRun(options(spec, dir.resolve("a.model"), false), TrainingMonitor.SILENT).run().model();

        TrainingOptions interrupted = options(spec, dir.resolve("b.model"), false);
        RuntimeException stop = new IllegalStateException("stopped after epoch 1");
        try {
            new TrainingRun(interrupted, new StopAfterEpoch(stop)).run();
        } catch (IllegalStateException e) {
            assertEquals(stop, e);
        }
        TrainingRun.Result resumed = new TrainingRun(options(spec, dir.resolve("b.model"), true), TrainingMonitor.SILENT).run();
        assertEquals(2, resumed.history().size());
        PlainEvaluator a = new PlainEvaluator(straight);
        PlainEvaluator b = new PlainEvaluator(resumed.model());
        SyntheticImages probe = new SyntheticImages(5, 1, 28, 10, 9);
        double[] pixels = new double[probe.imageSize()];
        double[] logitsA = new double[10];
        double[] logitsB = new double[10];
        for (int i = 0; i < probe.size(); i++) {
            probe.readPixels(i, pixels, 0);
            a.logits(pixels, 0, ActivationMode.BACKBONE, a.newWorkspace(), null, logitsA);
            b.logits(pixels, 0, ActivationMode.BACKBONE, b.newWorkspace(), null, logitsB);
            assertArrayEquals(logitsA, logitsB, 1e-4, "logits of probe " + i);
        }
    }

    private static TrainingOptions options(String spec, Path out, boolean resume) {
        return new TrainingOptions("smallcnn", spec, null, 2, 32, 0.05, Schedule.PAPER, 1e-4, 0.5,
                new NgnvSettings(0.3, 0.1, true), new int[0], 100, 0, 5, resume, out, 50, 1, "test");
    }

    private record StopAfterEpoch(RuntimeException stop) implements TrainingMonitor {
        @Override
        public void batch(int epoch, int epochs, int done, int total, double loss, double accuracy, double imagesPerSecond,
                          double etaSeconds) {
        }

        @Override
        public void epoch(EpochRecord record, int epochs) {
            throw stop;
        }

        @Override
        public void note(String text) {
        }
    }

    private void trainAndCheck(String spec, int limit, double minimumAccuracy) throws Exception {
        Path out = dir.resolve("small.model");
        List<Double> runningLoss = new ArrayList<>();
        TrainingOptions options = new TrainingOptions("smallcnn", spec, null, 1, 32, 0.05, Schedule.COSINE, 1e-4, 0.5,
                new NgnvSettings(0.3, 0.1, false), new int[] {10}, 200, limit, 1, false, out, 50, 1, "test");
        TrainingRun.Result result = new TrainingRun(options, new Recorder(runningLoss)).run();

        double first = runningLoss.get(0);
        double last = result.history().get(0).loss();
        assertTrue(last < first, "mean loss " + last + " should fall below the first batch's " + first);

        Model model = ModelFiles.read(out);
        assertEquals("smallcnn", model.architecture());
        Dataset test = DataSpec.open(TestSplit.of(spec));
        LabelledImages images = LabelledImages.load(test, Samples.classBalanced(test, 200, 3), model.graph().input());
        AccuracyRun run = new AccuracyRun(new PlainEvaluator(model), 2);
        double backbone = run.run(images, ActivationMode.BACKBONE, n -> { }).accuracy();
        double pann = run.run(images, ActivationMode.pann(SignPolynomials.forBeta(12), 50), n -> { }).accuracy();
        assertTrue(backbone > minimumAccuracy, "backbone accuracy " + backbone + "% (chance 10%)");
        assertTrue(pann > minimumAccuracy, "PANN B=12 accuracy " + pann + "% (chance 10%)");
        assertTrue(Files.exists(options.checkpoint()) && Files.exists(options.trackCsv()) && Files.exists(options.trackPng()));
    }

    private record Recorder(List<Double> losses) implements TrainingMonitor {
        @Override
        public void batch(int epoch, int epochs, int done, int total, double loss, double accuracy, double imagesPerSecond,
                          double etaSeconds) {
            losses.add(loss);
        }

        @Override
        public void epoch(EpochRecord record, int epochs) {
        }

        @Override
        public void note(String text) {
        }
    }
}
