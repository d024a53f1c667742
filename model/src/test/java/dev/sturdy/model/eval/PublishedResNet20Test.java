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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The published ResNet-20 of Lee et al. on the CIFAR-10 test images (binary layout) with approxCNN's
 * own polynomials must predict, image by image, the class an independent float64 evaluation of the
 * same network, pixels and polynomials predicts ({@link ReferencePredictions}): the backbone and
 * B = 8, 9 on all 10,000 images, B = 10, 11, 12 on every tenth (a thousand, to keep CI short).
 */
class PublishedResNet20Test {

    private static final int THREADS = Runtime.getRuntime().availableProcessors();
    private static LabelledImages images;
    private static PlainEvaluator evaluator;
    private static ReferencePredictions reference;
    private static Path polys;

    @BeforeAll
    static void load() throws Exception {
        Path weights = TestData.shared("models/resnet20-lee2022b.npz");
        Path bin = TestData.shared("datasets/cifar10-bin/test_batch.bin");
        polys = TestData.shared("reference/approxcnn-sign-polys");
        reference = ReferencePredictions.load();
        Model model = ModelImporter.importStateDict("resnet20", TensorArchives.read(weights), List.of(),
                new Normalization(new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225}),
                new PannSettings(50, 0), Map.of());
        Dataset test = DataSpec.open("cifar10-bin:" + bin);
        images = LabelledImages.load(test, Samples.classBalanced(test, 0, 1), model.graph().input());
        evaluator = new PlainEvaluator(model);
        assertEquals(reference.size(), images.count());
        for (int i = 0; i < images.count(); i++) {
            assertEquals(reference.get("label", i), images.labels()[i], "label of record " + i);
        }
    }

    @Test
    void backboneMatchesTheIndependentEvaluationOnEveryImage() {
        assertSamePredictions("bb", ActivationMode.BACKBONE, 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 9})
    void pannMatchesTheIndependentEvaluationOnEveryImage(int beta) throws Exception {
        assertSamePredictions("b" + beta, pann(beta), 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 11, 12})
    void pannMatchesTheIndependentEvaluationOnEveryTenthImage(int beta) throws Exception {
        assertSamePredictions("b" + beta, pann(beta), 10);
    }

    private static ActivationMode pann(int beta) throws Exception {
        return ActivationMode.pann(SignPolynomials.loadApproxCnn(polys, beta), 50);
    }

    /** Images 0, step, 2 step, ...: the predicted class equals the reference's, and no activation leaves [-50, 50]. */
    private static void assertSamePredictions(String column, ActivationMode mode, int step) {
        int[] indices = IntStream.iterate(0, i -> i < images.count(), i -> i + step).toArray();
        RangeStats ranges = evaluator.newStats();
        int[] predicted = predict(mode, indices, ranges);
        List<Integer> differing = new ArrayList<>();
        for (int k = 0; k < indices.length; k++) {
            if (predicted[k] != reference.get(column, indices[k])) {
                differing.add(indices[k]);
            }
        }
        assertEquals(List.of(), differing, "images whose " + mode.label() + " class differs from the reference's");
        assertEquals(0, ranges.totalOutside(), "no activation leaves [-50, 50] on this model");
    }

    /** The predicted class of each image in {@code indices}, on THREADS threads. */
    private static int[] predict(ActivationMode mode, int[] indices, RangeStats ranges) {
        int[] predicted = new int[indices.length];
        AtomicInteger next = new AtomicInteger();
        int size = images.shape().size();
        IntStream.range(0, THREADS).parallel().forEach(t -> {
            PlainEvaluator.Workspace ws = evaluator.newWorkspace();
            RangeStats stats = evaluator.newStats();
            double[] logits = new double[evaluator.numClasses()];
            for (int k = next.getAndIncrement(); k < indices.length; k = next.getAndIncrement()) {
                evaluator.logits(images.pixels(), indices[k] * size, mode, ws, stats, logits);
                predicted[k] = AccuracyRun.argmax(logits);
            }
            synchronized (ranges) {
                ranges.merge(stats);
            }
        });
        return predicted;
    }
}
