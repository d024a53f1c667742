package dev.sturdy.model.graph;

import java.util.List;

/**
 * One layer in a graph. inputs are indices of earlier nodes, or {@link Graph#INPUT} for the
 * graph input; output is the checked output shape.
 */
public record Node(String name, Op op, List<Integer> inputs, Shape output) {

    public Node {
        inputs = List.copyOf(inputs);
    }
}
