package dev.sturdy.party.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.file.ModelFiles;
import dev.sturdy.model.io.NamedArray;
import dev.sturdy.model.io.Npy;
import dev.sturdy.party.client.PlainReference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `sturdy import --onnx` then `sturdy predict`, as a user checks an import against their own
 * framework: the logits file equals PyTorch's (written by model/src/test/onnx/make_oracle.py).
 */
class OnnxImportCommandTest {
    @TempDir
    Path dir;

    private Path resource(String name) throws IOException {
        Path f = dir.resolve(name);
        try (InputStream in = OnnxImportCommandTest.class.getResourceAsStream("/onnx/" + name)) {
            Files.copy(in, f);
        }
        return f;
    }

    @Test
    void importedNetworkPredictsPyTorchsLogitsAndThePannAtB() throws IOException {
        Path model = dir.resolve("tiny.model");
        CliRun imported = CliRun.of("import", "--onnx", resource("tiny_resnet.onnx").toString(), "--bound", "10",
                "--out", model.toString());
        assertEquals(0, imported.exitCode(), imported.err());
        assertTrue(imported.out().contains("onnx, 15 layers, input 3x16x16, 10 classes"), imported.out());

        Path input = resource("tiny_resnet.input.npy");
        Path logits = dir.resolve("logits.npy");
        CliRun predicted = CliRun.of("predict", "--model", model.toString(), "--input", input.toString(),
                "--out", logits.toString());
        assertEquals(0, predicted.exitCode(), predicted.err());
        float[] want = Npy.read(resource("tiny_resnet.logits.npy")).values();
        float[] got = Npy.read(logits).values();
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-4 * Math.max(1, Math.abs(want[i])), "logit " + i);
        }

        Path pann = dir.resolve("pann.npy");
        assertEquals(0, CliRun.of("predict", "--model", model.toString(), "--input", input.toString(), "--beta", "9",
                "--out", pann.toString()).exitCode());
        NamedArray x = Npy.read(input);
        double[] values = new double[x.values().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = x.values()[i];
        }
        double[] expected = new PlainReference(ModelFiles.read(model), 9).logits(values, x.shape()[0]);
        float[] gotPann = Npy.read(pann).values();
        double differs = 0;
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], gotPann[i], 1e-5 * Math.max(1, Math.abs(expected[i])));
            differs = Math.max(differs, Math.abs(gotPann[i] - got[i]));
        }
        assertTrue(differs > 0, "the PANN's logits are not the backbone's");
    }

    @Test
    void badInputGetsOneLineAndExitCodeTwo() throws IOException {
        Path onnx = resource("sigmoid_net.onnx");
        CliRun sigmoid = CliRun.of("import", "--onnx", onnx.toString(), "--out", dir.resolve("s.model").toString());
        assertEquals(SturdyCli.BAD_INPUT, sigmoid.exitCode());
        assertTrue(sigmoid.err().contains("(Sigmoid): not a ReLU network"), sigmoid.err());
        assertEquals(1, sigmoid.err().strip().lines().count(), sigmoid.err());

        CliRun both = CliRun.of("import", "--onnx", onnx.toString(), "--arch", "resnet20", "--out", "x.model");
        assertEquals(SturdyCli.BAD_INPUT, both.exitCode());
        assertTrue(both.err().contains("give either --onnx FILE or --arch NAME with --weights FILE"), both.err());

        Path model = dir.resolve("m.model");
        assertEquals(0, CliRun.of("import", "--onnx", resource("matmul_mean.onnx").toString(), "--out",
                model.toString()).exitCode());
        Path wrong = dir.resolve("wrong.npy");
        Npy.writeFloat32(wrong, new int[] {2, 3, 8, 8}, new float[2 * 3 * 64]);
        CliRun shape = CliRun.of("predict", "--model", model.toString(), "--input", wrong.toString(), "--out",
                dir.resolve("o.npy").toString());
        assertEquals(SturdyCli.BAD_INPUT, shape.exitCode());
        assertTrue(shape.err().contains("has shape [2, 3, 8, 8]; the model takes N x 3 x 16 x 16"), shape.err());
    }
}
