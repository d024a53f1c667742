package dev.sturdy.model.zoo;

import dev.sturdy.model.Model;
import dev.sturdy.model.Normalization;
import dev.sturdy.model.PannSettings;
import dev.sturdy.model.graph.Graph;
import dev.sturdy.model.graph.ModelException;
import dev.sturdy.model.graph.Shape;
import dev.sturdy.model.io.NamedArray;
import java.util.List;
import java.util.Map;

/** Turns a PyTorch state_dict of a zoo architecture into a Model. */
public final class ModelImporter {

    /** Architectures whose state_dict layout the importer knows. */
    public static final List<String> ARCHITECTURES = List.of("resnet20", "resnet32", "resnet44", "resnet56", "resnet110",
            "resnet18", "mobilenetv2", "shufflenetv2", "smallcnn");

    private ModelImporter() {
    }

    public static Model importStateDict(String architecture, Map<String, NamedArray> tensors, List<String> classes,
                                        Normalization normalization, PannSettings pann, Map<String, String> metadata) {
        requireKnown(architecture);
        StateDict weights = new StateDict(tensors);
        int numClasses = outputs(tensors, "linear.weight");
        Graph graph = build(architecture, numClasses, weights);
        weights.requireAllUsed(architecture);
        List<String> names = classes.isEmpty() ? defaultClasses(numClasses) : classes;
        return new Model(architecture, architecture, graph, names, normalization, pann, metadata);
    }

    /** Fails with the list of supported names unless the importer knows this architecture. */
    public static void requireKnown(String architecture) {
        if (!ARCHITECTURES.contains(architecture)) {
            throw new ModelException("unknown architecture '" + architecture + "'; supported: " + String.join(", ", ARCHITECTURES));
        }
    }

    /** The graph of a known architecture with these weights. */
    public static Graph build(String architecture, int numClasses, StateDict weights) {
        requireKnown(architecture);
        return switch (architecture) {
            case "resnet18" -> ResNet18.build(numClasses, weights);
            case "mobilenetv2" -> MobileNetV2.build(numClasses, weights);
            case "shufflenetv2" -> ShuffleNetV2.build(numClasses, weights);
            case "smallcnn" -> SmallCnn.build(smallCnnInput(weights), numClasses, weights);
            default -> CifarResNet.build(Integer.parseInt(architecture.substring("resnet".length())), numClasses, weights);
        };
    }

    /** The small CNN reads 28x28 grey images, or 32x32 when conv1 takes three channels. */
    private static Shape smallCnnInput(StateDict weights) {
        int channels = weights.shapeOf("conv1.weight")[1];
        return channels == 1 ? new Shape(1, 28, 28) : new Shape(channels, 32, 32);
    }

    /** Class names when none are given: CIFAR-10's for 10 outputs, none otherwise. */
    public static List<String> defaultClasses(int outputs) {
        return outputs == CIFAR10_CLASSES.size() ? CIFAR10_CLASSES : List.of();
    }

    private static final List<String> CIFAR10_CLASSES = List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    private static int outputs(Map<String, NamedArray> tensors, String classifier) {
        NamedArray w = tensors.get(classifier);
        if (w == null) {
            throw new ModelException("weights lack tensor '" + classifier + "'; is this a state_dict of a supported architecture?");
        }
        if (w.shape().length != 2) {
            throw new ModelException("tensor '" + classifier + "' must have rank 2, got " + java.util.Arrays.toString(w.shape()));
        }
        return w.shape()[0];
    }
}
