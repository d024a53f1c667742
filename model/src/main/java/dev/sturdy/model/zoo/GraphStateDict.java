package dev.sturdy.model.zoo;

import dev.sturdy.model.graph.BatchNorm;
import dev.sturdy.model.graph.Conv2d;
import dev.sturdy.model.graph.Graph;
import dev.sturdy.model.graph.Linear;
import dev.sturdy.model.graph.Node;
import dev.sturdy.model.io.NamedArray;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The inverse of the zoo's graph builders: a graph's weights as a PyTorch state_dict, named by
 * layer (conv1.weight, bn1.running_var, linear.bias, ...), in graph order. Fine-tuning starts a
 * trainable network from it.
 */
public final class GraphStateDict {

    private GraphStateDict() {
    }

    public static Map<String, NamedArray> of(Graph graph) {
        Map<String, NamedArray> tensors = new LinkedHashMap<>();
        for (Node n : graph.nodes()) {
            String p = n.name();
            if (n.op() instanceof Conv2d c) {
                put(tensors, p + ".weight", c.weight(), c.outChannels(), c.groupChannels(), c.kernel(), c.kernel());
                if (c.bias() != null) {
                    put(tensors, p + ".bias", c.bias(), c.outChannels());
                }
            } else if (n.op() instanceof BatchNorm b) {
                put(tensors, p + ".weight", b.gamma(), b.channels());
                put(tensors, p + ".bias", b.beta(), b.channels());
                put(tensors, p + ".running_mean", b.runningMean(), b.channels());
                put(tensors, p + ".running_var", b.runningVar(), b.channels());
            } else if (n.op() instanceof Linear l) {
                put(tensors, p + ".weight", l.weight(), l.outFeatures(), l.inFeatures());
                if (l.bias() != null) {
                    put(tensors, p + ".bias", l.bias(), l.outFeatures());
                }
            }
            // Parameter-free layers (ReLU, pooling, Add, Flatten, shortcuts) hold no state.
        }
        return tensors;
    }

    private static void put(Map<String, NamedArray> tensors, String name, float[] values, int... shape) {
        tensors.put(name, new NamedArray(name, shape, values.clone()));
    }
}
