package dev.sturdy.model.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer graph in topological order with every shape checked when it is built. The last node
 * is the output (the logits). Both evaluators, plaintext and secure, walk it in order.
 */
public final class Graph {

    /** Input index that stands for the graph's input tensor. */
    public static final int INPUT = -1;

    private final Shape input;
    private final List<Node> nodes;

    private Graph(Shape input, List<Node> nodes) {
        this.input = input;
        this.nodes = Collections.unmodifiableList(nodes);
    }

    public Shape input() {
        return input;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public Node output() {
        return nodes.get(nodes.size() - 1);
    }

    public Shape shapeOf(int index) {
        return index == INPUT ? input : nodes.get(index).output();
    }

    /** For each node, how many later nodes read its output (the graph output counts as one). */
    public int[] consumerCounts() {
        int[] counts = new int[nodes.size()];
        for (Node n : nodes) {
            for (int in : n.inputs()) {
                if (in != INPUT) {
                    counts[in]++;
                }
            }
        }
        counts[counts.length - 1]++;
        return counts;
    }

    public static Builder builder(Shape input) {
        return new Builder(input);
    }

    /** Adds layers by name, checking arity, references and shapes at every step. */
    public static final class Builder {
        private final Shape input;
        private final List<Node> nodes = new ArrayList<>();
        private final Map<String, Integer> byName = new HashMap<>();

        private Builder(Shape input) {
            this.input = input;
        }

        /** Adds a layer reading the named earlier layers ("input" for the graph input). */
        public Builder add(String name, Op op, String... inputNames) {
            if (name == null || name.isEmpty() || name.equals("input")) {
                throw new ModelException("layer name must be non-empty and not 'input', got '" + name + "'");
            }
            if (byName.containsKey(name)) {
                throw new ModelException("duplicate layer name '" + name + "'");
            }
            if (inputNames.length != op.arity()) {
                throw new ModelException("layer '" + name + "' (" + op.kind() + ") takes " + op.arity()
                        + " input(s), got " + inputNames.length);
            }
            List<Integer> inputs = new ArrayList<>();
            List<Shape> shapes = new ArrayList<>();
            for (String in : inputNames) {
                int index = indexOf(name, in);
                inputs.add(index);
                shapes.add(index == INPUT ? input : nodes.get(index).output());
            }
            Shape out;
            try {
                out = op.outputShape(shapes);
            } catch (ModelException e) {
                throw new ModelException("layer '" + name + "': " + e.getMessage(), e);
            }
            byName.put(name, nodes.size());
            nodes.add(new Node(name, op, inputs, out));
            return this;
        }

        /** Adds a layer reading the most recently added one (or the input for the first). */
        public Builder then(String name, Op op) {
            return add(name, op, last());
        }

        /** Name of the most recently added layer, or "input". */
        public String last() {
            return nodes.isEmpty() ? "input" : nodes.get(nodes.size() - 1).name();
        }

        private int indexOf(String layer, String in) {
            if (in.equals("input")) {
                return INPUT;
            }
            Integer index = byName.get(in);
            if (index == null) {
                throw new ModelException("layer '" + layer + "' reads unknown layer '" + in + "'");
            }
            return index;
        }

        public Graph build() {
            if (nodes.isEmpty()) {
                throw new ModelException("a graph needs at least one layer");
            }
            return new Graph(input, new ArrayList<>(nodes));
        }
    }
}
