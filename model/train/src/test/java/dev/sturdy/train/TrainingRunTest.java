package dev.sturdy.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.Arrays;
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
        assertAccuracyAbove(trainOneEpoch("idx:" + data + ":train", 0), "idx:" + data + ":train", 25);
    }

    /**
     * The CIFAR augmentation (shift, flip) moves the squares that tell these synthetic classes apart,
     * so one epoch does not separate them: this checks the data path through what the run stored,
     * the per-channel statistics of exactly the bytes written, and the falling loss and the export.
     */
    @Test
    void oneEpochFromTheCifarBinaryLayout() throws Exception {
        Path data = Files.createDirectories(dir.resolve("cifar-bin"));
        SyntheticImages train = new SyntheticImages(800, 3, 32, 10, 1);
        CifarBinaryWriter.write(train, data.resolve("data_batch_1.bin"));
        CifarBinaryWriter.write(new SyntheticImages(300, 3, 32, 10, 2), data.resolve("test_batch.bin"));
        Model model = trainOneEpoch("cifar10-bin:" + data + ":train", 0);
        assertEquals(new Shape(3, 32, 32), model.graph().input());
        assertEquals(DataSpec.open("cifar10-bin:" + data).classes(), model.classes());
        double[][] written = channelStatistics(train);
        assertArrayEquals(written[0], model.normalization().mean(), 1e-9, "per-channel mean");
        assertArrayEquals(written[1], model.normalization().std(), 1e-9, "per-channel standard deviation");
    }

    /** Mean and standard deviation per channel of the pixel bytes CifarBinaryWriter writes, in two passes. */
    private static double[][] channelStatistics(SyntheticImages images) {
        int plane = images.height() * images.width();
        double[] pixels = new double[images.imageSize()];
        double[][] levels = new double[images.channels()][images.size() * plane];
        for (int i = 0; i < images.size(); i++) {
            images.readPixels(i, pixels, 0);
            for (int c = 0; c < images.channels(); c++) {
                for (int j = 0; j < plane; j++) {
                    levels[c][i * plane + j] = Math.round(pixels[c * plane + j] * 255) / 255.0;
                }
            }
        }
        double[] mean = new double[levels.length];
        double[] std = new double[levels.length];
        for (int c = 0; c < levels.length; c++) {
            mean[c] = Arrays.stream(levels[c]).average().orElseThrow();
            double m = mean[c];
            std[c] = Math.sqrt(Arrays.stream(levels[c]).map(v -> (v - m) * (v - m)).average().orElseThrow());
        }
        return new double[][] {mean, std};
    }

    @Test
    void oneEpochOnAFashionMnistSubset() throws Exception {
        String spec = "idx:" + TestData.fashionMnist() + ":train";
        assertAccuracyAbove(trainOneEpoch(spec, 2000), spec, 40);
    }

    /**
     * Interrupted after epoch 1, the run leaves a checkpoint of exactly that epoch; resumed, it trains
     * epoch 2 only and ends with the weights of a run that was never interrupted.
     */
    @Test
    void aResumedRunTrainsOnlyTheMissingEpochAndEndsWhereAnUninterruptedOneDoes() throws Exception {
        Path data = dir.resolve("synthetic");
        IdxWriter.write(new SyntheticImages(256, 1, 28, 10, 1), data, "train");
        String spec = "idx:" + data + ":train";
        TrainingRun.Result straight = new TrainingRun(options(spec, dir.resolve("a.model"), false), TrainingMonitor.SILENT).run();

        RuntimeException stop = new IllegalStateException("stopped after epoch 1");
        Log interrupted = new Log(stop);
        TrainingOptions first = options(spec, dir.resolve("b.model"), false);
        assertSame(stop, assertThrows(IllegalStateException.class, () -> new TrainingRun(first, interrupted).run()));
        assertEquals(List.of(1), interrupted.epochNumbers());

        Log resumedLog = new Log(null);
        TrainingOptions second = options(spec, dir.resolve("b.model"), true);
        TrainingRun.Result resumed = new TrainingRun(second, resumedLog).run();
        assertEquals(List.of("resuming from " + second.checkpoint() + " after epoch 1"), resumedLog.notes(),
                "the checkpoint holds exactly one epoch");
        assertEquals(List.of(2), resumedLog.epochNumbers(), "the resumed run trains epoch 2 only");
        assertEquals(List.of(1, 2), resumed.history().stream().map(EpochRecord::epoch).toList());
        assertEquals(interrupted.epochs().get(0).loss(), resumed.history().get(0).loss(), "epoch 1's record from the checkpoint");
        assertEquals(straight.history().get(1).loss(), resumed.history().get(1).loss(), 1e-6, "epoch 2's mean loss");

        PlainEvaluator a = new PlainEvaluator(straight.model());
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
                new NgnvSettings(0.3, 0.1, true), new int[0], 100, 0, 5, null, resume, out, 50, 1, "test");
    }

    /** What a run reports: its epochs and notes; with {@code stop}, it throws that after the first epoch (an interruption). */
    private record Log(List<EpochRecord> epochs, List<String> notes, RuntimeException stop) implements TrainingMonitor {
        Log(RuntimeException stop) {
            this(new ArrayList<>(), new ArrayList<>(), stop);
        }

        List<Integer> epochNumbers() {
            return epochs.stream().map(EpochRecord::epoch).toList();
        }

        @Override
        public void batch(int epoch, int epochs, int done, int total, double loss, double accuracy, double imagesPerSecond,
                          double etaSeconds) {
        }

        @Override
        public void epoch(EpochRecord record, int epochs) {
            this.epochs.add(record);
            if (stop != null) {
                throw stop;
            }
        }

        @Override
        public void note(String text) {
            notes.add(text);
        }
    }

    /** One epoch: the mean loss falls below the first batch's, and the model, checkpoint and track files are written. */
    private Model trainOneEpoch(String spec, int limit) throws Exception {
        Path out = dir.resolve("small.model");
        List<Double> runningLoss = new ArrayList<>();
        TrainingOptions options = new TrainingOptions("smallcnn", spec, null, 1, 32, 0.05, Schedule.COSINE, 1e-4, 0.5,
                new NgnvSettings(0.3, 0.1, false), new int[] {10}, 200, limit, 1, null, false, out, 50, 1, "test");
        TrainingRun.Result result = new TrainingRun(options, new LossRecorder(runningLoss)).run();

        double first = runningLoss.get(0);
        double last = result.history().get(0).loss();
        assertTrue(last < first, "mean loss " + last + " should fall below the first batch's " + first);
        assertTrue(Files.exists(options.checkpoint()) && Files.exists(options.trackCsv()) && Files.exists(options.trackPng()));
        Model model = ModelFiles.read(out);
        assertEquals("smallcnn", model.architecture());
        return model;
    }

    private static void assertAccuracyAbove(Model model, String spec, double minimumAccuracy) {
        Dataset test = DataSpec.open(TestSplit.of(spec));
        LabelledImages images = LabelledImages.load(test, Samples.classBalanced(test, 200, 3), model.graph().input());
        AccuracyRun run = new AccuracyRun(new PlainEvaluator(model), 2);
        double backbone = run.run(images, ActivationMode.BACKBONE, n -> { }).accuracy();
        double pann = run.run(images, ActivationMode.pann(SignPolynomials.forBeta(12), 50), n -> { }).accuracy();
        assertTrue(backbone > minimumAccuracy, "backbone accuracy " + backbone + "% (chance 10%)");
        assertTrue(pann > minimumAccuracy, "PANN B=12 accuracy " + pann + "% (chance 10%)");
    }
}
