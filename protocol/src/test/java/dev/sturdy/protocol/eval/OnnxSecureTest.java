package dev.sturdy.protocol.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.Model;
import dev.sturdy.model.PannSettings;
import dev.sturdy.model.eval.ActivationMode;
import dev.sturdy.model.onnx.OnnxImporter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Networks imported from PyTorch's ONNX export, evaluated under MPC: the secure logits follow the plaintext PANN. */
class OnnxSecureTest {
    private static final int BATCH = 2;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}, {1} parties, B={2}")
    @CsvSource({"tiny_resnet,2,9", "tiny_resnet,3,8", "matmul_mean,2,9", "cnn_bn_nodes,3,0", "mobile_blocks,2,9",
            "mobile_blocks,3,8", "mobile_blocks,2,0", "shuffle_blocks,2,9", "shuffle_blocks,3,9", "shuffle_blocks_bn_nodes,3,0",
            "dilated_net,2,9", "dilated_net,3,0"})
    void secureLogitsFollowThePlaintextPann(String name, int parties, int beta) throws IOException {
        Path file = dir.resolve(name + ".onnx");
        try (InputStream in = OnnxSecureTest.class.getResourceAsStream("/onnx/" + name + ".onnx")) {
            Files.copy(in, file);
        }
        Model m = OnnxImporter.read(file, new OnnxImporter.Options(null, null, new PannSettings(10, 0), List.of()));
        double[] x = new double[BATCH * m.graph().input().size()];
        Random r = new Random(5);
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble() * 2 - 1;
        }
        ActivationMode mode = SecureRun.plainMode(m, beta);
        SecureActivation act = SecureRun.activation(beta);
        double[] expected = SecureRun.plain(m, mode, x, BATCH);
        double[] secure = SecureRun.run(m, act, parties, x, BATCH).logits();
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - secure[i]));
        }
        assertTrue(worst < 0.02, "max logit difference " + worst);
        int classes = m.numClasses();
        for (int b = 0; b < BATCH; b++) {
            assertEquals(SecureRun.argmax(expected, b * classes, classes), SecureRun.argmax(secure, b * classes, classes));
        }
    }
}
