package dev.sturdy.party.cli;

import dev.sturdy.model.eval.ModeResult;
import dev.sturdy.model.plot.LinePlot;
import java.nio.file.Path;
import java.util.List;

/** The accuracy-versus-precision figure of `sturdy eval --plot`. */
final class AccuracyPlot {

    private AccuracyPlot() {
    }

    static void write(Path file, String model, int[] betas, ModeResult backbone, List<ModeResult> pann, String polynomials) {
        double[] x = new double[betas.length];
        double[] y = new double[betas.length];
        for (int i = 0; i < betas.length; i++) {
            x[i] = betas[i];
            y[i] = pann.get(i).accuracy();
        }
        new LinePlot()
                .title(model + ": PANN accuracy by precision (" + pann.get(0).images() + " images)")
                .xLabel("precision B (AppReLU error at most bound * 2^-B)")
                .yLabel("top-1 accuracy (%)")
                .yRange(0, 100)
                .series("PANN, " + polynomials, x, y)
                .referenceLine(backbone.accuracy(), String.format("backbone %.2f%%", backbone.accuracy()))
                .writePng(file);
    }
}
