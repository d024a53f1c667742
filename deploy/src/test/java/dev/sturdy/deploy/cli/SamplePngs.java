package dev.sturdy.deploy.cli;

import dev.sturdy.model.Model;
import dev.sturdy.model.approx.SignPolynomials;
import dev.sturdy.model.eval.AccuracyRun;
import dev.sturdy.model.eval.ActivationMode;
import dev.sturdy.model.eval.PlainEvaluator;
import dev.sturdy.model.graph.Shape;
import dev.sturdy.party.samples.DemoImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;

/** The demo's embedded Fashion-MNIST sample images written as PNG files for {@code sturdy query --image}. */
record SamplePngs(List<Path> files, List<double[]> pixels) {

    static SamplePngs write(Path dir, int count) throws IOException {
        DemoImages images = DemoImages.load(new Shape(1, 28, 28), count);
        int size = 28 * 28;
        List<Path> files = new ArrayList<>();
        List<double[]> pixels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double[] px = Arrays.copyOfRange(images.pixels(), i * size, (i + 1) * size);
            BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    int level = (int) Math.round(px[y * 28 + x] * 255);
                    img.setRGB(x, y, level << 16 | level << 8 | level);
                }
            }
            Path file = dir.resolve("sample-" + i + ".png");
            ImageIO.write(img, "png", file.toFile());
            files.add(file);
            pixels.add(px);
        }
        return new SamplePngs(List.copyOf(files), List.copyOf(pixels));
    }

    /** --image's argument: the files, comma-separated. */
    String argument() {
        return String.join(",", files.stream().map(Path::toString).toList());
    }

    /** The class the plaintext PANN of {@code model} at precision {@code beta} gives image {@code i}, in double. */
    int plainClass(Model model, int beta, int i) {
        PlainEvaluator evaluator = new PlainEvaluator(model);
        double[] logits = new double[model.numClasses()];
        evaluator.logits(pixels.get(i), 0, ActivationMode.pann(SignPolynomials.forBeta(beta), model.pann().bound()),
                evaluator.newWorkspace(), null, logits);
        return AccuracyRun.argmax(logits);
    }
}
