package dev.sturdy.train;

import ai.djl.nn.Parameter;
import dev.sturdy.model.Model;
import dev.sturdy.model.file.ModelFiles;
import dev.sturdy.model.io.NamedArray;
import dev.sturdy.model.zoo.GraphStateDict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code sturdy train --init}: starts a network from the weights of a model file (imported or
 * trained) of the same architecture, so a published network can be fine-tuned. The run keeps
 * that model's input normalisation, since its weights were learned for it.
 */
final class InitialWeights {

    private InitialWeights() {
    }

    /** Reads the model file; fails with one line when it cannot be read. */
    static Model read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--init: no model file " + file);
        }
        return ModelFiles.read(file);
    }

    /**
     * Copies every parameter (running statistics included) of {@code init} into {@code net};
     * fails naming the first layer whose tensors are missing, extra or of another shape.
     */
    static void load(Model init, Path file, ZooNetwork net) {
        if (!init.architecture().equals(net.architecture())) {
            throw new IllegalArgumentException("--init " + file.getFileName() + " holds a " + init.architecture() + ", not a "
                    + net.architecture() + "; fine-tune with --arch " + init.architecture());
        }
        Map<String, NamedArray> tensors = GraphStateDict.of(init.graph());
        Set<String> unused = new LinkedHashSet<>(tensors.keySet());
        for (Map.Entry<String, Parameter> e : net.parameters().entrySet()) {
            String name = e.getKey();
            NamedArray t = tensors.get(name);
            long[] dims = e.getValue().getArray().getShape().getShape();
            int[] shape = Arrays.stream(dims).mapToInt(Math::toIntExact).toArray();
            if (t == null) {
                throw mismatch(file, name, "has no tensor '" + name + "' (the network needs " + Arrays.toString(shape) + ")");
            }
            if (!Arrays.equals(t.shape(), shape)) {
                throw mismatch(file, name, "'" + name + "' has shape " + Arrays.toString(t.shape()) + ", the network needs "
                        + Arrays.toString(shape));
            }
            e.getValue().getArray().set(t.values());
            unused.remove(name);
        }
        if (!unused.isEmpty()) {
            String name = unused.iterator().next();
            throw mismatch(file, name, "has tensor '" + name + "' that " + net.architecture() + " does not have");
        }
        if (!init.graph().input().equals(net.input())) {
            throw new IllegalArgumentException("--init " + file.getFileName() + " takes " + init.graph().input()
                    + " inputs, the training data has " + net.input());
        }
    }

    private static IllegalArgumentException mismatch(Path file, String tensor, String what) {
        String layer = tensor.substring(0, tensor.lastIndexOf('.'));
        return new IllegalArgumentException("--init " + file.getFileName() + " does not fit at layer '" + layer + "': " + what);
    }
}
