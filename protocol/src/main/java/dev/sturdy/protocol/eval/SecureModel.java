package dev.sturdy.protocol.eval;

import dev.sturdy.model.fixed.FixedPointPolicy;
import dev.sturdy.model.graph.Graph;
import dev.sturdy.model.graph.ModelException;
import dev.sturdy.model.lower.LoweredGraph;
import dev.sturdy.model.lower.LoweredGraph.Layer;
import dev.sturdy.protocol.ring.Conv2dGeometry;
import dev.sturdy.protocol.ring.LinearMap;
import java.util.Arrays;
import java.util.List;

/**
 * The public side of a deployed model: its lowered structure (no weight), the fractional bits of
 * each weighted layer's weights, the linear ring, the activations' fractional bits and the bound
 * that scales every tensor (see {@link FixedPointPolicy}). Every role holds it; only the compute
 * parties also hold {@link ModelShares}.
 *
 * <p>Each tensor carries its value times a multiplier: 1 for the input and the logits, 1 / bound
 * after a weighted layer (so an activation reads u = z / bound), times the window after a sum
 * pooling; {@link #multipliers} follows the graph and {@link ModelShares#split} folds them into
 * the weights.
 */
public record SecureModel(LoweredGraph graph, int[] weightBits, int linearRing, int activationBits, double bound) {

    public SecureModel {
        if (weightBits.length != graph.layers().size()) {
            throw new IllegalArgumentException(weightBits.length + " weight scales for " + graph.layers().size() + " layers");
        }
        weightBits = weightBits.clone();
        graph = graph.withoutWeights();
    }

    /** Fractional bits of the logits the parties return: the output layer's scale, moved to the top of 64 bits. */
    public int outputBits() {
        return weightBits[weightBits.length - 1] + activationBits + 64 - linearRing;
    }

    /** The ring map of a weighted layer. */
    public static LinearMap map(Layer l) {
        return switch (l.kind()) {
            case CONV -> LinearMap.conv(new Conv2dGeometry(l.in().channels(), l.in().height(), l.in().width(),
                    l.out().channels(), l.kernel(), l.stride(), l.padding(), l.groups(), l.dilation()));
            case LINEAR -> LinearMap.linear(l.in().size(), l.out().size());
            case AFFINE -> LinearMap.channelScale(l.in().channels(), l.in().height() * l.in().width());
            default -> throw new IllegalArgumentException(l.name() + " has no weights");
        };
    }

    /**
     * The multiplier of each layer's output (see the class comment), checking that every
     * activation reads u = z / bound and that additions add alike scaled tensors.
     */
    public static double[] multipliers(LoweredGraph g, double bound) {
        List<Layer> layers = g.layers();
        double[] m = new double[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            double in = l.inputs()[0] == Graph.INPUT ? 1 : m[l.inputs()[0]];
            m[i] = switch (l.kind()) {
                case CONV, LINEAR, AFFINE -> i == layers.size() - 1 ? 1 : 1 / bound;
                case AVG_POOL -> in * (l.kernel() == 0 ? l.in().height() * l.in().width() : l.kernel() * l.kernel());
                case ADD, CONCAT -> {
                    for (int src : l.inputs()) {
                        if ((src == Graph.INPUT ? 1 : m[src]) != in) {
                            throw new ModelException("layer '" + l.name() + "' joins tensors of different scales; "
                                    + "secure inference adds or concatenates only outputs of weighted layers or activations");
                        }
                    }
                    yield in;
                }
                case RELU, CLIPPED_RELU, MAX_POOL -> {
                    if (in != 1 / bound) {
                        throw new ModelException("layer '" + l.name() + "' does not read the output of a weighted layer "
                                + "(through additions, flattening or shortcuts); secure inference cannot scale its input");
                    }
                    yield in;
                }
                default -> in;
            };
        }
        if (layers.get(layers.size() - 1).hasWeights() == false) {
            throw new ModelException("secure inference needs a weighted output layer, the model ends with '"
                    + layers.get(layers.size() - 1).name() + "'");
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecureModel s && Arrays.equals(weightBits, s.weightBits) && linearRing == s.linearRing
                && activationBits == s.activationBits && bound == s.bound;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(weightBits) * 31 + linearRing;
    }
}
