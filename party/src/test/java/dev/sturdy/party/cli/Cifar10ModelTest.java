package dev.sturdy.party.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.Model;
import dev.sturdy.model.TestData;
import dev.sturdy.model.file.ModelFiles;
import dev.sturdy.model.json.Json;
import dev.sturdy.party.samples.DemoModel;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        Map<String, Object> sidecar = sidecar();
        Path model = dir.resolve("resnet20-cifar10-sturdy.model");
        try (InputStream in = Cifar10ModelTest.class.getResourceAsStream(DemoModel.CIFAR10_RESOURCE)) {
            assertNotNull(in, "shipped CIFAR-10 model missing");
            Files.copy(in, model);
        }
        Model m = ModelFiles.read(model);
        assertEquals("resnet20", m.architecture());
        assertEquals(number(sidecar.get("bound")), m.pann().bound());

        Map<String, Object> sample = (Map<String, Object>) sidecar.get("sample");
        Map<String, Object> expected = (Map<String, Object>) sample.get("accuracy");
        Path data = TestData.shared("datasets/cifar10-bin");
        CliRun eval = CliRun.of("eval", "--model", model.toString(), "--data", "cifar10-bin:" + data,
                "--limit", String.valueOf((int) number(sample.get("images"))),
                "--seed", String.valueOf((long) number(sample.get("seed"))), "--beta", "8..9", "--json");
        assertEquals(0, eval.exitCode(), eval.err());
        Map<String, Object> doc = (Map<String, Object>) Json.parse(eval.out());
        assertEquals(number(expected.get("backbone")),
                number(((Map<String, Object>) doc.get("backbone")).get("accuracy")), 1e-9, "backbone");
        List<Map<String, Object>> pann = (List<Map<String, Object>>) doc.get("pann");
        assertEquals(2, pann.size());
        for (Map<String, Object> row : pann) {
            String beta = "B=" + row.get("beta");
            assertEquals(number(expected.get(beta)), number(row.get("accuracy")), 1e-9, beta);
        }
        // the sample's figures must say something about the model: it is sturdy at B = 9
        assertTrue(number(expected.get("B=9")) > 80, "B=9 on the sample: " + expected.get("B=9"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sidecar() throws Exception {
        try (InputStream in = Cifar10ModelTest.class.getResourceAsStream(DemoModel.CIFAR10_RESOURCE + ".json")) {
            assertNotNull(in, "sidecar resnet20-cifar10-sturdy.model.json missing");
            return (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static double number(Object o) {
        return ((Number) o).doubleValue();
    }
}
