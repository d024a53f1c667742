package dev.sturdy.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.Model;
import dev.sturdy.model.PannSettings;
import dev.sturdy.model.eval.ActivationMode;
import dev.sturdy.model.eval.PlainEvaluator;
import dev.sturdy.model.file.ModelFiles;
import dev.sturdy.model.graph.ModelException;
import dev.sturdy.model.io.NamedArray;
import dev.sturdy.model.io.Npy;
import dev.sturdy.model.onnx.proto.OnnxDimension;
import dev.sturdy.model.onnx.proto.OnnxGraph;
import dev.sturdy.model.onnx.proto.OnnxModel;
import dev.sturdy.model.onnx.proto.OnnxNode;
import dev.sturdy.model.onnx.proto.OnnxOpsetId;
import dev.sturdy.model.onnx.proto.OnnxShape;
import dev.sturdy.model.onnx.proto.OnnxTensorType;
import dev.sturdy.model.onnx.proto.OnnxType;
import dev.sturdy.model.onnx.proto.OnnxValueInfo;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ONNX files exported by PyTorch (model/src/test/onnx/make_oracle.py wrote them with PyTorch's own
 * logits): our backbone's logits equal PyTorch's, and what we cannot evaluate is refused with a
 * line that names the node and the reason.
 */
class OnnxImporterTest {
    private static final OnnxImporter.Options DEFAULTS = new OnnxImporter.Options(null, null, new PannSettings(50, 0),
            List.of());

    @TempDir
    Path dir;

    static Path resource(String name) {
        try {
            return Path.of(OnnxImporterTest.class.getResource("/onnx/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cnn_bn_nodes", "cnn_folded_dynamic", "tiny_resnet", "matmul_mean", "mobile_blocks",
            "mobile_blocks_bn_nodes", "shuffle_blocks", "shuffle_blocks_bn_nodes", "dilated_net"})
    void backboneLogitsEqualPyTorchs(String name) throws IOException {
        Model m = OnnxImporter.read(resource(name + ".onnx"), DEFAULTS);
        Path file = dir.resolve(name + ".model");
        ModelFiles.write(m, file); // and back: what a user imports is what the file holds
        Model read = ModelFiles.read(file);
        NamedArray x = Npy.read(resource(name + ".input.npy"));
        NamedArray want = Npy.read(resource(name + ".logits.npy"));
        int n = x.shape()[0];
        int size = read.graph().input().size();
        int classes = want.shape()[1];
        assertEquals(classes, read.numClasses());
        PlainEvaluator pe = new PlainEvaluator(read);
        PlainEvaluator.Workspace ws = pe.newWorkspace();
        double[] got = new double[classes];
        double worst = 0;
        for (int b = 0; b < n; b++) {
            double[] image = new double[size];
            for (int i = 0; i < size; i++) {
                image[i] = x.values()[b * size + i];
            }
            pe.logitsOfNormalised(image, ActivationMode.BACKBONE, ws, null, got);
            for (int c = 0; c < classes; c++) {
                double w = want.values()[b * classes + c];
                worst = Math.max(worst, Math.abs(got[c] - w) / Math.max(1, Math.abs(w)));
            }
        }
        System.out.printf("%s: %d layers, max relative logit difference to PyTorch %.2e%n", name,
                read.graph().nodes().size(), worst);
        assertTrue(worst <= 1e-4, "relative difference " + worst);
    }

    @Test
    void aSigmoidIsRefusedWithTheNodeAndTheReason() {
        ModelException e = assertThrows(ModelException.class,
                () -> OnnxImporter.read(resource("sigmoid_net.onnx"), DEFAULTS));
        assertTrue(e.getMessage().contains("(Sigmoid)") && e.getMessage().contains("not a ReLU network"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void anUnknownOperatorIsRefusedWithTheSupportedList() throws IOException {
        Path f = handMade(13, "Gelu");
        ModelException e = assertThrows(ModelException.class, () -> OnnxImporter.read(f, DEFAULTS));
        assertTrue(e.getMessage().startsWith("node 'act' (Gelu): unsupported operator; supported: "), e.getMessage());
        for (String op : List.of("Conv", "BatchNormalization", "Gemm", "MaxPool", "Slice", "Pad", "Shape", "Gather")) {
            assertTrue(e.getMessage().contains(op), op);
        }
    }

    @Test
    void opsetsOutsideElevenToSeventeenAreRefused() throws IOException {
        Path f = handMade(9, "Relu");
        ModelException e = assertThrows(ModelException.class, () -> OnnxImporter.read(f, DEFAULTS));
        assertTrue(e.getMessage().contains("opset 9; supported: 11 to 17"), e.getMessage());
    }

    @Test
    void aFileThatIsNotOnnxIsRefused() throws IOException {
        Path f = dir.resolve("x.onnx");
        Files.write(f, new byte[] {(byte) 0xff, 1, 2, 3});
        ModelException e = assertThrows(ModelException.class, () -> OnnxImporter.read(f, DEFAULTS));
        assertTrue(e.getMessage().contains("is not an ONNX model file"), e.getMessage());
    }

    /** image -> op_type (node "act") -> out, at the given opset. */
    private Path handMade(long opset, String opType) throws IOException {
        var image = OnnxValueInfo.newBuilder().setName("image").setType(
                OnnxType.newBuilder().setTensorType(
                        OnnxTensorType.newBuilder().setElemType(1).setShape(
                                OnnxShape.newBuilder()
                                        .addDim(dim("N")).addDim(dim(1)).addDim(dim(4)).addDim(dim(4)))));
        OnnxGraph g = OnnxGraph.newBuilder().addInput(image)
                .addNode(OnnxNode.newBuilder().setName("act").setOpType(opType).addInput("image").addOutput("out"))
                .addOutput(OnnxValueInfo.newBuilder().setName("out")).build();
        Path f = dir.resolve(opType + opset + ".onnx");
        Files.write(f, OnnxModel.newBuilder().setIrVersion(7).setGraph(g)
                .addOpsetImport(OnnxOpsetId.newBuilder().setVersion(opset)).build().toByteArray());
        return f;
    }

    private static OnnxDimension dim(Object v) {
        var d = OnnxDimension.newBuilder();
        return (v instanceof Integer i ? d.setDimValue(i) : d.setDimParam((String) v)).build();
    }

    @Test
    void npyWrittenByUsReadsBack() throws IOException {
        Path f = dir.resolve("a.npy");
        float[] v = {1.5f, -2f, 3.25f, 0f, 7f, 8f};
        Npy.writeFloat32(f, new int[] {2, 3}, v);
        NamedArray a = Npy.read(f);
        assertEquals(List.of(2, 3), Arrays.stream(a.shape()).boxed().toList());
        for (int i = 0; i < v.length; i++) {
            assertEquals(v[i], a.values()[i]);
        }
    }
}
