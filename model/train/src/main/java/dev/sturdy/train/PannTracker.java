package dev.sturdy.train;

import dev.sturdy.model.Model;
import dev.sturdy.model.approx.SignPolynomials;
import dev.sturdy.model.eval.AccuracyRun;
import dev.sturdy.model.eval.ActivationMode;
import dev.sturdy.model.eval.LabelledImages;
import dev.sturdy.model.eval.ModeResult;
import dev.sturdy.model.eval.PlainEvaluator;
import dev.sturdy.model.plot.LinePlot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Accuracy of the exported model on a fixed test subset after each epoch, with the plaintext
 * evaluator: the backbone and the PANN at each tracked precision B. Writes the history as a CSV
 * and a PNG of accuracy per epoch (the paper's Figure 3).
 */
final class PannTracker {

    private final LabelledImages test;
    private final int[] betas;
    private final int threads;

    PannTracker(LabelledImages test, int[] betas) {
        this.test = test;
        this.betas = betas.clone();
        this.threads = Runtime.getRuntime().availableProcessors();
    }

    /** Test accuracy of the backbone, then of each B; and the largest activation input the backbone saw. */
    Measured measure(Model model) {
        PlainEvaluator evaluator = new PlainEvaluator(model);
        AccuracyRun run = new AccuracyRun(evaluator, threads);
        ModeResult backbone = run.run(test, ActivationMode.BACKBONE, done -> { });
        double[] pann = new double[betas.length];
        for (int i = 0; i < betas.length; i++) {
            ActivationMode mode = ActivationMode.pann(SignPolynomials.forBeta(betas[i]), model.pann().bound());
            pann[i] = run.run(test, mode, done -> { }).accuracy();
        }
        return new Measured(backbone.accuracy(), pann, backbone.ranges().largestMagnitude());
    }

    record Measured(double backbone, double[] pann, double maxAbs) {
    }

    static void writeCsv(Path file, int[] betas, List<EpochRecord> history) throws IOException {
        StringBuilder csv = new StringBuilder("epoch,lr,train_loss,train_accuracy,images_per_s,backbone");
        for (int b : betas) {
            csv.append(",B").append(b);
        }
        csv.append(",max_abs\n");
        for (EpochRecord r : history) {
            csv.append(String.format(Locale.ROOT, "%d,%g,%.5f,%.3f,%.1f,%.3f", r.epoch(), r.learningRate(), r.loss(),
                    r.trainAccuracy(), r.imagesPerSecond(), r.backbone()));
            for (double a : r.pann()) {
                csv.append(String.format(Locale.ROOT, ",%.3f", a));
            }
            csv.append(String.format(Locale.ROOT, ",%.3f%n", r.maxAbs()));
        }
        Files.writeString(file, csv.toString());
    }

    static void writePng(Path file, String title, int[] betas, List<EpochRecord> history) {
        double[] epochs = history.stream().mapToDouble(EpochRecord::epoch).toArray();
        LinePlot plot = new LinePlot().title(title).xLabel("epoch").yLabel("test accuracy (%)").yRange(0, 100)
                .series("backbone", epochs, history.stream().mapToDouble(EpochRecord::backbone).toArray());
        for (int i = 0; i < betas.length; i++) {
            int column = i;
            plot.dashedSeries("PANN B=" + betas[i], epochs, history.stream().mapToDouble(r -> r.pann()[column]).toArray());
        }
        plot.writePng(file);
    }
}
