package dev.sturdy.model.lower;

import dev.sturdy.model.graph.Add;
import dev.sturdy.model.graph.AvgPool;
import dev.sturdy.model.graph.BatchNorm;
import dev.sturdy.model.graph.ChannelShuffle;
import dev.sturdy.model.graph.ChannelSlice;
import dev.sturdy.model.graph.ClippedRelu;
import dev.sturdy.model.graph.Concat;
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
import java.util.List;

/**
 * The layers both evaluators run, with each batch norm that directly follows a convolution (and is
 * its only reader) folded into it. The structure (kinds, shapes, geometry) is public and needs no
 * weight; weighted layers carry their folded weights in double (null in a structure-only graph,
 * what the dealer holds).
 */
public final class LoweredGraph {

    public enum Kind { CONV, AFFINE, LINEAR, AVG_POOL, MAX_POOL, RELU, CLIPPED_RELU, ADD, CONCAT, FLATTEN, GATHER }

    /**
     * One layer. inputs are layer indices ({@link Graph#INPUT} for the graph input); in is the
     * first input's shape. CONV: kernel, stride, padding, groups, dilation; pooling: kernel, stride and (max)
     * padding (kernel 0: global average; global max-pooling is lowered to one window over the square
     * plane); CLIPPED_RELU: ceiling; GATHER (shortcut, channel shuffle, channel slice): one sample's
     * output element i is input element gather[i], or 0 where that is -1. weight and bias are the
     * folded parameters: conv [O x C/groups x k x k] and [O], linear [out x in] and [out], affine
     * (a batch norm not after a conv) per-channel scale and shift; null for other kinds or without weights.
     */
    public record Layer(String name, Kind kind, int[] inputs, Shape in, Shape out, int kernel, int stride, int padding,
                        int groups, int dilation, double ceiling, int[] gather, double[] weight, double[] bias) {
        public boolean hasWeights() {
            return kind == Kind.CONV || kind == Kind.AFFINE || kind == Kind.LINEAR;
        }

        /** Element counts of (weight, bias) for a weighted layer. */
        public int[] parameterSizes() {
            return switch (kind) {
                case CONV -> new int[] {out.channels() * (in.channels() / groups) * kernel * kernel, out.channels()};
                case AFFINE -> new int[] {in.channels(), in.channels()};
                case LINEAR -> new int[] {in.size() * out.size(), out.size()};
                default -> throw new IllegalStateException(name + " has no weights");
            };
        }

        Layer withoutWeights() {
            return new Layer(name, kind, inputs, in, out, kernel, stride, padding, groups, dilation, ceiling, gather, null,
                    null);
        }
    }

    private final Shape input;
    private final List<Layer> layers;

    private LoweredGraph(Shape input, List<Layer> layers) {
        this.input = input;
        this.layers = List.copyOf(layers);
    }

    public static LoweredGraph of(Graph g) {
        List<Node> nodes = g.nodes();
        int[] consumers = g.consumerCounts();
        List<Layer> layers = new ArrayList<>();
        int[] layerOf = new int[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            Op op = n.op();
            int[] inputs = n.inputs().stream().mapToInt(x -> x == Graph.INPUT ? Graph.INPUT : layerOf[x]).toArray();
            Shape in = g.shapeOf(n.inputs().get(0));
            Layer layer;
            if (op instanceof Conv2d c) {
                boolean foldable = i + 1 < nodes.size() && consumers[i] == 1
                        && nodes.get(i + 1).op() instanceof BatchNorm && nodes.get(i + 1).inputs().equals(List.of(i));
                if (foldable) {
                    // the batch norm right after takes the convolution's place
                    layerOf[i] = -2;
                    BatchNorm bn = (BatchNorm) nodes.get(i + 1).op();
                    layer = conv(nodes.get(i + 1).name(), c, bn, inputs, in, nodes.get(i + 1).output());
                    layerOf[i + 1] = layers.size();
                    layers.add(layer);
                    i++;
                    continue;
                }
                layer = conv(n.name(), c, null, inputs, in, n.output());
            } else if (op instanceof BatchNorm b) {
                double[] scale = new double[b.channels()];
                double[] shift = new double[b.channels()];
                for (int ch = 0; ch < scale.length; ch++) {
                    scale[ch] = b.scale(ch);
                    shift[ch] = b.shift(ch);
                }
                layer = weighted(n.name(), Kind.AFFINE, inputs, in, n.output(), scale, shift);
            } else if (op instanceof Linear l) {
                double[] w = new double[l.weight().length];
                for (int k = 0; k < w.length; k++) {
                    w[k] = l.weight()[k];
                }
                double[] bias = new double[l.outFeatures()];
                for (int o = 0; o < bias.length; o++) {
                    bias[o] = l.bias() == null ? 0 : l.bias()[o];
                }
                layer = weighted(n.name(), Kind.LINEAR, inputs, in, n.output(), w, bias);
            } else if (op instanceof AvgPool p) {
                layer = pool(n.name(), Kind.AVG_POOL, inputs, in, n.output(), p.kernel(), p.stride(), 0);
            } else if (op instanceof MaxPool p) {
                if (p.kernel() == 0 && in.height() != in.width()) {
                    throw new ModelException("global max-pooling needs a square input, got " + in);
                }
                layer = p.kernel() == 0 ? pool(n.name(), Kind.MAX_POOL, inputs, in, n.output(), in.height(), 1, 0)
                        : pool(n.name(), Kind.MAX_POOL, inputs, in, n.output(), p.kernel(), p.stride(), p.padding());
            } else if (op instanceof Relu) {
                layer = simple(n.name(), Kind.RELU, inputs, in, n.output());
            } else if (op instanceof ClippedRelu c) {
                layer = new Layer(n.name(), Kind.CLIPPED_RELU, inputs, in, n.output(), 0, 0, 0, 1, 1, c.ceiling(), null, null,
                        null);
            } else if (op instanceof Add) {
                layer = simple(n.name(), Kind.ADD, inputs, in, n.output());
            } else if (op instanceof Concat) {
                layer = simple(n.name(), Kind.CONCAT, inputs, in, n.output());
            } else if (op instanceof Flatten) {
                layer = simple(n.name(), Kind.FLATTEN, inputs, in, n.output());
            } else if (op instanceof ShortcutPad s) {
                layer = gather(n.name(), inputs, in, n.output(), Gathers.shortcut(s, in, n.output()));
            } else if (op instanceof ChannelShuffle s) {
                layer = gather(n.name(), inputs, in, n.output(), Gathers.channels(in, c -> s.source(c, in.channels())));
            } else if (op instanceof ChannelSlice s) {
                layer = gather(n.name(), inputs, in, n.output(), Gathers.channels(n.output(), c -> s.start() + c));
            } else {
                throw new ModelException("no kernel for " + op.kind());
            }
            layerOf[i] = layers.size();
            layers.add(layer);
        }
        return new LoweredGraph(g.input(), layers);
    }

    private static Layer conv(String name, Conv2d c, BatchNorm bn, int[] inputs, Shape in, Shape out) {
        FoldedConv f = FoldedConv.of(c, bn);
        return new Layer(name, Kind.CONV, inputs, in, out, c.kernel(), c.stride(), c.padding(), c.groups(), c.dilation(),
                0, null, f.weight(), f.bias());
    }

    private static Layer weighted(String name, Kind kind, int[] inputs, Shape in, Shape out, double[] w, double[] b) {
        return new Layer(name, kind, inputs, in, out, 0, 0, 0, 1, 1, 0, null, w, b);
    }

    private static Layer pool(String name, Kind kind, int[] inputs, Shape in, Shape out, int kernel, int stride,
                              int padding) {
        return new Layer(name, kind, inputs, in, out, kernel, stride, padding, 1, 1, 0, null, null, null);
    }

    private static Layer gather(String name, int[] inputs, Shape in, Shape out, int[] index) {
        return new Layer(name, Kind.GATHER, inputs, in, out, 0, 0, 0, 1, 1, 0, index, null, null);
    }

    private static Layer simple(String name, Kind kind, int[] inputs, Shape in, Shape out) {
        return new Layer(name, kind, inputs, in, out, 0, 0, 0, 1, 1, 0, null, null, null);
    }

    /** The same structure without weights: what a role that must not see them holds. */
    public LoweredGraph withoutWeights() {
        return new LoweredGraph(input, layers.stream().map(Layer::withoutWeights).toList());
    }

    public Shape input() {
        return input;
    }

    /** Output shape of layer {@code index}, or the graph input's for {@link Graph#INPUT}. */
    public Shape shapeOf(int index) {
        return index == Graph.INPUT ? input : layers.get(index).out();
    }

    public List<Layer> layers() {
        return layers;
    }

    public Layer output() {
        return layers.get(layers.size() - 1);
    }

    public int numClasses() {
        return output().out().size();
    }

    /** For each layer, the index of the last layer that reads it (Integer.MAX_VALUE for the output). */
    public int[] lastUse() {
        int[] last = new int[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            for (int in : layers.get(i).inputs()) {
                if (in != Graph.INPUT) {
                    last[in] = i;
                }
            }
        }
        last[layers.size() - 1] = Integer.MAX_VALUE;
        return last;
    }
}
