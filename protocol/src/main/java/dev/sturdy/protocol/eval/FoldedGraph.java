package dev.sturdy.protocol.eval;

import dev.sturdy.model.Model;
import dev.sturdy.model.graph.Add;
import dev.sturdy.model.graph.AvgPool;
import dev.sturdy.model.graph.BatchNorm;
import dev.sturdy.model.graph.Conv2d;
import dev.sturdy.model.graph.FoldedConv;
import dev.sturdy.model.graph.Flatten;
import dev.sturdy.model.graph.Graph;
import dev.sturdy.model.graph.Linear;
import dev.sturdy.model.graph.MaxPool;
import dev.sturdy.model.graph.ModelException;
import dev.sturdy.model.graph.Node;
import dev.sturdy.model.graph.Op;
import dev.sturdy.model.graph.Relu;
import dev.sturdy.model.graph.Shape;
import dev.sturdy.model.graph.ShortcutPad;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layers the secure evaluator runs, with batch norm folded into the convolution before it
 * exactly as {@link dev.sturdy.model.eval.PlainEvaluator} folds it (a conv read only by the batch
 * norm right after it). The structure (kinds, shapes, geometry) is public: the dealer can hold it
 * without any weight ({@link #withoutWeights()}); the folded weights in double are for the model
 * owner, who encodes and splits them ({@link ModelShares}).
 */
public final class FoldedGraph {
    public enum Kind { CONV, AFFINE, LINEAR, AVG_POOL, MAX_POOL, RELU, ADD, FLATTEN, SHORTCUT }

    /**
     * One layer. inputs are layer indices ({@link Graph#INPUT} for the graph input); kernel,
     * stride, padding describe convolutions and pooling (kernel 0: global pooling);
     * padBefore is the shortcut's leading zero channels.
     */
    public record Layer(String name, Kind kind, int[] inputs, Shape in, Shape out, int kernel, int stride,
                        int padding, int padBefore) {
        public boolean hasWeights() {
            return kind == Kind.CONV || kind == Kind.AFFINE || kind == Kind.LINEAR;
        }
    }

    /** Folded parameters of one layer in double: conv [O x C x k x k] and bias [O]; linear transposed [in x out] and bias [out]; affine scale [C] and shift [C]. */
    public record Folded(double[] weight, double[] bias) {
    }

    private final Shape input;
    private final List<Layer> layers;
    private final Map<String, Folded> weights;

    private FoldedGraph(Shape input, List<Layer> layers, Map<String, Folded> weights) {
        this.input = input;
        this.layers = List.copyOf(layers);
        this.weights = weights;
    }

    public static FoldedGraph of(Model model) {
        Graph g = model.graph();
        List<Node> nodes = g.nodes();
        int[] consumers = g.consumerCounts();
        List<Layer> layers = new ArrayList<>();
        Map<String, Folded> weights = new LinkedHashMap<>();
        int[] layerOf = new int[nodes.size()];
        boolean[] foldedAway = new boolean[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            Op op = n.op();
            Shape in = g.shapeOf(n.inputs().get(0));
            int[] inputs = n.inputs().stream().mapToInt(x -> x == Graph.INPUT ? Graph.INPUT : layerOf[x]).toArray();
            Layer layer;
            if (op instanceof Conv2d c) {
                boolean foldable = i + 1 < nodes.size() && consumers[i] == 1
                        && nodes.get(i + 1).op() instanceof BatchNorm && nodes.get(i + 1).inputs().equals(List.of(i));
                if (foldable) {
                    foldedAway[i] = true;
                    layerOf[i] = -2;
                    continue;
                }
                layer = conv(n.name(), c, inputs, in, n.output());
                weights.put(n.name(), fold(c, null));
            } else if (op instanceof BatchNorm b) {
                int src = n.inputs().get(0);
                if (src != Graph.INPUT && foldedAway[src]) {
                    Node convNode = nodes.get(src);
                    Conv2d c = (Conv2d) convNode.op();
                    int convIn = convNode.inputs().get(0);
                    layer = conv(n.name(), c, new int[] {convIn == Graph.INPUT ? Graph.INPUT : layerOf[convIn]},
                            g.shapeOf(convIn), n.output());
                    weights.put(n.name(), fold(c, b));
                } else {
                    layer = simple(n.name(), Kind.AFFINE, inputs, in, n.output());
                    double[] scale = new double[b.channels()];
                    double[] shift = new double[b.channels()];
                    for (int ch = 0; ch < scale.length; ch++) {
                        scale[ch] = b.scale(ch);
                        shift[ch] = b.shift(ch);
                    }
                    weights.put(n.name(), new Folded(scale, shift));
                }
            } else if (op instanceof Linear l) {
                layer = simple(n.name(), Kind.LINEAR, inputs, in, n.output());
                double[] wt = new double[l.inFeatures() * l.outFeatures()];
                for (int o = 0; o < l.outFeatures(); o++) {
                    for (int k = 0; k < l.inFeatures(); k++) {
                        wt[k * l.outFeatures() + o] = l.weight()[o * l.inFeatures() + k];
                    }
                }
                double[] bias = new double[l.outFeatures()];
                for (int o = 0; o < bias.length; o++) {
                    bias[o] = l.bias() == null ? 0 : l.bias()[o];
                }
                weights.put(n.name(), new Folded(wt, bias));
            } else if (op instanceof AvgPool p) {
                layer = pool(n.name(), Kind.AVG_POOL, inputs, in, n.output(), p.kernel(), p.stride());
            } else if (op instanceof MaxPool p) {
                if (p.kernel() == 0 && in.height() != in.width()) {
                    throw new ModelException("global max-pooling needs a square input, got " + in);
                }
                layer = pool(n.name(), Kind.MAX_POOL, inputs, in, n.output(), p.kernel(), p.stride());
            } else if (op instanceof Relu) {
                layer = simple(n.name(), Kind.RELU, inputs, in, n.output());
            } else if (op instanceof Add) {
                layer = simple(n.name(), Kind.ADD, inputs, in, n.output());
            } else if (op instanceof Flatten) {
                layer = simple(n.name(), Kind.FLATTEN, inputs, in, n.output());
            } else if (op instanceof ShortcutPad s) {
                layer = new Layer(n.name(), Kind.SHORTCUT, inputs, in, n.output(), 0, s.stride(), 0, s.padBefore());
            } else {
                throw new ModelException("no secure kernel for " + op.kind());
            }
            layerOf[i] = layers.size();
            layers.add(layer);
        }
        return new FoldedGraph(g.input(), layers, weights);
    }

    private static Layer conv(String name, Conv2d c, int[] inputs, Shape in, Shape out) {
        return new Layer(name, Kind.CONV, inputs, in, out, c.kernel(), c.stride(), c.padding(), 0);
    }

    private static Layer simple(String name, Kind kind, int[] inputs, Shape in, Shape out) {
        return new Layer(name, kind, inputs, in, out, 0, 0, 0, 0);
    }

    private static Layer pool(String name, Kind kind, int[] inputs, Shape in, Shape out, int kernel, int stride) {
        // global max-pooling = one window over the whole (square) plane; global average keeps kernel 0
        return kernel == 0 && kind == Kind.MAX_POOL ? new Layer(name, kind, inputs, in, out, in.height(), 1, 0, 0)
                : new Layer(name, kind, inputs, in, out, kernel, stride, 0, 0);
    }

    private static Folded fold(Conv2d c, BatchNorm bn) {
        FoldedConv f = FoldedConv.of(c, bn);
        return new Folded(f.weight(), f.bias());
    }

    /** The same structure with no weights: what the dealer needs to plan the correlations. */
    public FoldedGraph withoutWeights() {
        return new FoldedGraph(input, layers, Map.of());
    }

    public Shape input() {
        return input;
    }

    public List<Layer> layers() {
        return layers;
    }

    public int numClasses() {
        return layers.get(layers.size() - 1).out().size();
    }

    /** Sizes of a weighted layer's (weight, bias) arrays. */
    public int[] parameterSizes(Layer l) {
        return switch (l.kind()) {
            case CONV -> new int[] {l.out().channels() * l.in().channels() * l.kernel() * l.kernel(), l.out().channels()};
            case AFFINE -> new int[] {l.in().channels(), l.in().channels()};
            case LINEAR -> new int[] {l.in().size() * l.out().size(), l.out().size()};
            default -> throw new IllegalArgumentException(l.name() + " has no weights");
        };
    }

    /** Folded weights of a layer in double; only on a graph made from a model with weights. */
    public Folded folded(String layer) {
        Folded f = weights.get(layer);
        if (f == null) {
            throw new IllegalStateException("no weights for layer '" + layer + "' (structure-only graph?)");
        }
        return f;
    }
}
