package dev.sturdy.party.cli;

import static dev.sturdy.party.cli.ShippedModel.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.Model;
import dev.sturdy.model.TestData;
import dev.sturdy.model.file.ModelFiles;
import dev.sturdy.party.samples.DemoModel;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped sturdy CIFAR-10 ResNet-20: `sturdy eval` on the sidecar's class-balanced sample of
 * the test set reproduces the sidecar's accuracies for that sample (the full 10,000-image figures
 * are the sidecar's evalCommand, run by hand: about 6 minutes).
 */
class Cifar10ModelTest {
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void sampleAccuraciesAreReproducedByEval() throws Exception {
        Map<String, Object> sidecar = ShippedModel.sidecar(DemoModel.CIFAR10_RESOURCE);
        Path model = ShippedModel.copy(DemoModel.CIFAR10_RESOURCE, dir);
        Model m = ModelFiles.read(model);
        assertEquals("resnet20", m.architecture());
        assertEquals(number(sidecar.get("bound")), m.pann().bound());

        Map<String, Object> sample = (Map<String, Object>) sidecar.get("sample");
        Map<String, Object> expected = (Map<String, Object>) sample.get("accuracy");
        Path data = TestData.shared("datasets/cifar10-bin");
        ShippedModel.assertEvalReproduces(expected, "eval", "--model", model.toString(), "--data", "cifar10-bin:" + data,
                "--limit", String.valueOf((int) number(sample.get("images"))),
                "--seed", String.valueOf((long) number(sample.get("seed"))), "--beta", "8..9", "--json");
        // the sample's figures must say something about the model: it is sturdy at B = 9
        assertTrue(number(expected.get("B=9")) > 80, "B=9 on the sample: " + expected.get("B=9"));
    }
}
