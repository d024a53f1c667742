package dev.sturdy.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.sturdy.model.Model;
import dev.sturdy.model.Normalization;
import dev.sturdy.model.PannSettings;
import dev.sturdy.model.graph.Graph;
import dev.sturdy.model.io.NamedArray;
import dev.sturdy.model.zoo.ModelImporter;
import dev.sturdy.model.zoo.SmallCnn;
import dev.sturdy.model.zoo.StateDict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a trained network into a Sturdy model through the zoo's graph builders, exactly as an
 * imported PyTorch state_dict would be: batch norm stays a BatchNorm layer with its running
 * statistics, and the layer names are the state_dict names.
 */
public final class ModelExport {

    private ModelExport() {
    }

    /** The parameters as a state_dict: name, shape, float values. */
    public static Map<String, NamedArray> stateDict(ZooNetwork net) {
        Map<String, NamedArray> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : net.parameters().entrySet()) {
            NDArray a = e.getValue().getArray();
            long[] dims = a.getShape().getShape();
            int[] shape = new int[dims.length];
            for (int i = 0; i < dims.length; i++) {
                shape[i] = Math.toIntExact(dims[i]);
            }
            tensors.put(e.getKey(), new NamedArray(e.getKey(), shape, a.toFloatArray()));
        }
        return tensors;
    }

    public static Model toModel(ZooNetwork net, List<String> classes, Normalization normalization, PannSettings pann,
                                Map<String, String> metadata) {
        StateDict weights = new StateDict(stateDict(net));
        // The small CNN takes any input size; the importer can only guess it from the weights.
        Graph graph = net.architecture().equals("smallcnn")
                ? SmallCnn.build(net.input(), net.classes(), weights)
                : ModelImporter.build(net.architecture(), net.classes(), weights);
        weights.requireAllUsed(net.architecture());
        return new Model(net.architecture(), net.architecture(), graph, classes, normalization, pann, metadata);
    }
}
