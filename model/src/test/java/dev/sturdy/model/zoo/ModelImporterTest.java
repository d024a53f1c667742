package dev.sturdy.model.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.Model;
import dev.sturdy.model.Normalization;
import dev.sturdy.model.PannSettings;
import dev.sturdy.model.approx.AppRelu;
import dev.sturdy.model.approx.CompositeSign;
import dev.sturdy.model.approx.SignPolynomials;
import dev.sturdy.model.eval.ActivationMode;
import dev.sturdy.model.eval.PlainEvaluator;
import dev.sturdy.model.eval.RangeStats;
import dev.sturdy.model.file.ModelFiles;
import dev.sturdy.model.graph.ModelException;
import dev.sturdy.model.io.NamedArray;
import dev.sturdy.model.io.Npy;
import dev.sturdy.model.io.TensorArchives;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelImporterTest {

    private static final double BOUND = 50;

    @TempDir
    Path dir;

    /**
     * The CIFAR ShuffleNetV2 written independently in PyTorch (model/src/test/onnx/cifar_zoo_oracle.py):
     * its state_dict imports, through a model file, to PyTorch's own logits.
     */
    @Test
    void shuffleNetV2StateDictGivesPyTorchsLogits() throws Exception {
        Path resources = Path.of(ModelImporterTest.class.getResource("/zoo/shufflenetv2.npz").toURI()).getParent();
        Model imported = ModelImporter.importStateDict("shufflenetv2",
                TensorArchives.read(resources.resolve("shufflenetv2.npz")), List.of(),
                Normalization.identity(3), new PannSettings(BOUND, 0), Map.of());
        Path file = dir.resolve("shufflenetv2.model");
        ModelFiles.write(imported, file);
        PlainEvaluator evaluator = new PlainEvaluator(ModelFiles.read(file));
        NamedArray x = Npy.read(resources.resolve("shufflenetv2.input.npy"));
        NamedArray want = Npy.read(resources.resolve("shufflenetv2.logits.npy"));
        int size = 3 * 32 * 32;
        double[] logits = new double[10];
        for (int b = 0; b < x.shape()[0]; b++) {
            double[] image = new double[size];
            for (int i = 0; i < size; i++) {
                image[i] = x.values()[b * size + i];
            }
            evaluator.logitsOfNormalised(image, ActivationMode.BACKBONE, evaluator.newWorkspace(), null, logits);
            for (int c = 0; c < 10; c++) {
                double w = want.values()[b * 10 + c];
                assertEquals(w, logits[c], 1e-4 * Math.max(1, Math.abs(w)), "sample " + b + " logit " + c);
            }
        }
    }

    /** ResNet-20 on three inputs; the deeper 56 and 110 (whose stages repeat 9 and 18 blocks) on one each. */
    @ParameterizedTest
    @CsvSource({"20, 3", "56, 1", "110, 1"})
    void importedResNetMatchesAnIndependentForwardPassThroughTheModelFile(int depth, int samples) throws Exception {
        Map<String, NamedArray> sd = ReferenceResNet.randomStateDict(depth, 10, 7);
        Path file = dir.resolve("r" + depth + ".model");
        ModelFiles.write(importResNet("resnet" + depth, sd), file);
        PlainEvaluator evaluator = new PlainEvaluator(ModelFiles.read(file));
        ReferenceResNet reference = new ReferenceResNet(sd, depth);
        CompositeSign sign = SignPolynomials.forBeta(10);

        Random r = new Random(3);
        for (int sample = 0; sample < samples; sample++) {
            double[][][] x = new double[3][32][32];
            double[] flat = new double[3 * 32 * 32];
            for (int i = 0; i < flat.length; i++) {
                flat[i] = 0.5 * r.nextGaussian();
                x[i / 1024][(i / 32) % 32][i % 32] = flat[i];
            }
            assertSameLogits(reference.logits(copy(x), z -> Math.max(z, 0)), evaluator, flat, ActivationMode.BACKBONE);
            DoubleUnaryOperator appRelu = z -> AppRelu.apply(z, BOUND, sign);
            assertSameLogits(reference.logits(copy(x), appRelu), evaluator, flat, ActivationMode.pann(sign, BOUND));
        }
    }

    private static void assertSameLogits(double[] expected, PlainEvaluator evaluator, double[] input, ActivationMode mode) {
        double[] logits = new double[10];
        RangeStats ranges = evaluator.newStats();
        evaluator.logitsOfNormalised(input, mode, evaluator.newWorkspace(), ranges, logits);
        assertEquals(0, ranges.totalOutside(), "the test input must keep every activation inside the bound");
        for (int i = 0; i < 10; i++) {
            assertEquals(expected[i], logits[i], 1e-9 * Math.max(1, Math.abs(expected[i])), mode.label() + " logit " + i);
        }
    }

    @Test
    void deeperResNetsBuildWithTheirBlockCounts() {
        for (int depth : new int[] {32, 44}) {
            Model m = importResNet("resnet" + depth, ReferenceResNet.randomStateDict(depth, 10, depth));
            long relus = m.graph().nodes().stream().filter(nd -> nd.op().kind().equals("relu")).count();
            assertEquals(1 + (depth - 2), relus, "ReLUs of resnet" + depth);
        }
    }

    @Test
    void unknownArchitectureIsRefusedByName() {
        ModelException e = assertThrows(ModelException.class,
                () -> importResNet("resnet21", ReferenceResNet.randomStateDict(20, 10, 1)));
        assertEquals("unknown architecture 'resnet21'; supported: resnet20, resnet32, resnet44, resnet56, resnet110, resnet18, mobilenetv2, shufflenetv2, smallcnn",
                e.getMessage());
    }

    @Test
    void missingOrMisshapedTensorsAreNamed() {
        Map<String, NamedArray> sd = new HashMap<>(ReferenceResNet.randomStateDict(20, 10, 1));
        sd.remove("layer2.1.bn1.running_var");
        ModelException missing = assertThrows(ModelException.class, () -> importResNet("resnet20", sd));
        assertEquals("weights lack tensor 'layer2.1.bn1.running_var' (expected shape [32])", missing.getMessage());

        Map<String, NamedArray> wrong = new HashMap<>(ReferenceResNet.randomStateDict(20, 10, 1));
        wrong.put("layer1.0.conv1.weight", new NamedArray("layer1.0.conv1.weight", new int[] {16, 16, 5, 5}, new float[16 * 16 * 25]));
        ModelException shape = assertThrows(ModelException.class, () -> importResNet("resnet20", wrong));
        assertEquals("tensor 'layer1.0.conv1.weight' has shape [16, 16, 5, 5], the architecture needs [16, 16, 3, 3]",
                shape.getMessage());
    }

    @Test
    void weightsOfADeeperNetworkAreNotSilentlyTruncated() {
        ModelException e = assertThrows(ModelException.class,
                () -> importResNet("resnet20", ReferenceResNet.randomStateDict(32, 10, 1)));
        assertTrue(e.getMessage().contains("that resnet20 does not have") && e.getMessage().endsWith("wrong --arch?"),
                e.getMessage());
    }

    static Model importResNet(String arch, Map<String, NamedArray> sd) {
        return ModelImporter.importStateDict(arch, sd, List.of(), Normalization.identity(3), new PannSettings(BOUND, 0),
                Map.of());
    }

    private static double[][][] copy(double[][][] x) {
        double[][][] y = new double[x.length][][];
        for (int c = 0; c < x.length; c++) {
            y[c] = new double[x[c].length][];
            for (int i = 0; i < x[c].length; i++) {
                y[c][i] = x[c][i].clone();
            }
        }
        return y;
    }
}
