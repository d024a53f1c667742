package dev.sturdy.model.onnx;

import dev.sturdy.model.Model;
import dev.sturdy.model.Normalization;
import dev.sturdy.model.PannSettings;
import dev.sturdy.model.graph.Graph;
import dev.sturdy.model.graph.ModelException;
import dev.sturdy.model.graph.Shape;
import dev.sturdy.model.zoo.ModelImporter;
import dev.sturdy.model.onnx.proto.OnnxDimension;
import dev.sturdy.model.onnx.proto.OnnxGraph;
import dev.sturdy.model.onnx.proto.OnnxModel;
import dev.sturdy.model.onnx.proto.OnnxNode;
import dev.sturdy.model.onnx.proto.OnnxOpsetId;
import dev.sturdy.model.onnx.proto.OnnxTensor;
import dev.sturdy.model.onnx.proto.OnnxValueInfo;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an ONNX file as {@code torch.onnx.export} writes it (opsets 11 to 17) into a Sturdy
 * model: constants and shape arithmetic are folded for the given input shape, every other node
 * becomes a layer ({@link OnnxLayers}). The first operator outside the supported set stops the
 * import with one line naming the node, the operator and what is supported.
 */
public final class OnnxImporter {
    public static final int MIN_OPSET = 11;
    public static final int MAX_OPSET = 17;

    /** What the file does not say: the input shape of one sample (null: the file's), normalisation, PANN bound, classes. */
    public record Options(Shape inputShape, Normalization normalization, PannSettings pann, List<String> classes) {
    }

    private OnnxImporter() {
    }

    public static Model read(Path file, Options options) throws IOException {
        OnnxModel m;
        try {
            m = OnnxModel.parseFrom(Files.readAllBytes(file));
        } catch (InvalidProtocolBufferException e) {
            throw new ModelException(file + " is not an ONNX model file: " + e.getMessage(), e);
        }
        if (!m.hasGraph() || m.getGraph().getNodeCount() == 0) {
            throw new ModelException(file + " holds no ONNX graph");
        }
        checkOpset(m, file);
        OnnxGraph g = m.getGraph();
        Map<String, OnnxValue> values = new HashMap<>();
        for (OnnxTensor t : g.getInitializerList()) {
            values.put(t.getName(), OnnxTensors.decode(t, "initializer"));
        }
        OnnxValueInfo input = graphInput(g, values, file);
        Shape shape = options.inputShape() != null ? options.inputShape() : declaredShape(input, file);
        values.put(input.getName(), new OnnxValue.Layer("input", shape, 4));
        OnnxLayers layers = new OnnxLayers(values, consumers(g));
        for (OnnxNode n : g.getNodeList()) {
            layers.translate(n);
        }
        if (g.getOutputCount() != 1) {
            throw new ModelException(file + ": the graph has " + g.getOutputCount() + " outputs; Sturdy models have one "
                    + "(the logits)");
        }
        Graph graph = layers.build(shape, g.getOutput(0).getName());
        int classes = graph.output().output().size();
        List<String> names = options.classes().isEmpty() ? ModelImporter.defaultClasses(classes) : options.classes();
        Normalization norm = options.normalization() != null ? options.normalization()
                : Normalization.identity(shape.channels());
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("source", file.getFileName().toString());
        if (!m.getProducerName().isEmpty()) {
            meta.put("onnx.producer", (m.getProducerName() + " " + m.getProducerVersion()).trim());
        }
        String name = file.getFileName().toString().replaceFirst("\\.onnx$", "");
        return new Model(name, "onnx", graph, names, norm, options.pann(), meta);
    }

    private static void checkOpset(OnnxModel m, Path file) {
        for (OnnxOpsetId id : m.getOpsetImportList()) {
            boolean standard = id.getDomain().isEmpty() || id.getDomain().equals("ai.onnx");
            if (standard && (id.getVersion() < MIN_OPSET || id.getVersion() > MAX_OPSET)) {
                throw new ModelException(file + ": ONNX opset " + id.getVersion() + "; supported: " + MIN_OPSET + " to "
                        + MAX_OPSET + " (torch.onnx.export(..., opset_version=13))");
            }
        }
    }

    /** The one graph input that is not an initializer (exporters may list initializers as inputs too). */
    private static OnnxValueInfo graphInput(OnnxGraph g, Map<String, OnnxValue> initializers, Path file) {
        List<OnnxValueInfo> real = g.getInputList().stream().filter(v -> !initializers.containsKey(v.getName())).toList();
        if (real.size() != 1) {
            throw new ModelException(file + ": the graph has " + real.size() + " inputs besides its weights; Sturdy "
                    + "models take one image batch");
        }
        return real.get(0);
    }

    /** N x C x H x W from the file, N free. */
    private static Shape declaredShape(OnnxValueInfo input, Path file) {
        List<OnnxDimension> dims = input.getType().getTensorType().getShape().getDimList();
        if (dims.size() != 4 || dims.subList(1, 4).stream().anyMatch(d -> !d.hasDimValue() || d.getDimValue() <= 0)) {
            throw new ModelException(file + ": input '" + input.getName() + "' is not declared as N x C x H x W with "
                    + "fixed C, H, W; give --input-shape C,H,W");
        }
        return new Shape((int) dims.get(1).getDimValue(), (int) dims.get(2).getDimValue(), (int) dims.get(3).getDimValue());
    }

    private static Map<String, Integer> consumers(OnnxGraph g) {
        Map<String, Integer> count = new HashMap<>();
        for (OnnxNode n : g.getNodeList()) {
            for (String in : n.getInputList()) {
                count.merge(in, 1, Integer::sum);
            }
        }
        for (OnnxValueInfo out : g.getOutputList()) {
            count.merge(out.getName(), 1, Integer::sum);
        }
        return count;
    }
}
