package dev.sturdy.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sturdy.model.Model;
import dev.sturdy.model.Normalization;
import dev.sturdy.model.PannSettings;
import dev.sturdy.model.TestData;
import dev.sturdy.model.approx.SignPolynomials;
import dev.sturdy.model.data.DataSpec;
import dev.sturdy.model.data.Dataset;
import dev.sturdy.model.data.Samples;
import dev.sturdy.model.io.TensorArchives;
import dev.sturdy.model.zoo.ModelImporter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published ResNet-20 of Lee et al. on all 10,000 CIFAR-10 test images (binary layout) with
 * approxCNN's own polynomials must reproduce, to the image, an independent float64 evaluation of
 * the same network, pixels and polynomials: backbone 81.64%, B = 8: 33.14%, B = 9: 73.76%.
 */
class PublishedResNet20Test {

    private static final int THREADS = Runtime.getRuntime().availableProcessors();
    private static LabelledImages images;
    private static PlainEvaluator evaluator;
    private static Path polys;

    @BeforeAll
    static void load() throws Exception {
        Path weights = TestData.shared("models/resnet20-lee2022b.npz");
        Path bin = TestData.shared("datasets/cifar10-bin/test_batch.bin");
        polys = TestData.shared("reference/approxcnn-sign-polys");
        Model model = ModelImporter.importStateDict("resnet20", TensorArchives.read(weights), List.of(),
                new Normalization(new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225}),
                new PannSettings(50, 0), Map.of());
        Dataset test = DataSpec.open("cifar10-bin:" + bin);
        images = LabelledImages.load(test, Samples.classBalanced(test, 0, 1), model.graph().input());
        evaluator = new PlainEvaluator(model);
    }

    @Test
    void backboneAccuracyMatchesTheIndependentEvaluation() {
        ModeResult r = new AccuracyRun(evaluator, THREADS).run(images, ActivationMode.BACKBONE, n -> { });
        assertEquals(10_000, r.images());
        assertEquals(8164, r.correct());
    }

    @Test
    void pannWithTheReferencePolynomialsMatchesAtLowPrecision() throws Exception {
        int[][] expected = {{8, 3314}, {9, 7376}};
        for (int[] e : expected) {
            ActivationMode mode = ActivationMode.pann(SignPolynomials.loadApproxCnn(polys, e[0]), 50);
            ModeResult r = new AccuracyRun(evaluator, THREADS).run(images, mode, n -> { });
            assertEquals(e[1], r.correct(), "correct images at B = " + e[0]);
            assertEquals(0, r.ranges().totalOutside(), "no activation leaves [-50, 50] on this model");
        }
    }
}
