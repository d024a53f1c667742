package dev.sturdy.protocol.eval;

import dev.sturdy.model.approx.ActivationPlan;
import dev.sturdy.model.approx.SignPolynomials;
import dev.sturdy.model.fixed.FixedPointPolicy;
import dev.sturdy.model.graph.Graph;
import dev.sturdy.model.lower.LoweredGraph;
import dev.sturdy.model.lower.LoweredGraph.Layer;
import java.util.List;

/**
 * The rounds and bytes a compute party sends for a query, from the protocol's definition rather
 * than from a run: a weighted layer is local; turning shares into a wire (the input, an activation's
 * output read by a weighted layer or a pooling) is one round of linearRing bits per element; a
 * truncating opening sends the value's bits above the shift (ring - shift); AppReLU is components + 1
 * truncating openings; exact ReLU opens c above the shift, then ceil(log2 n) levels
 * of a comparison tree over the n = ring - 2 - shift high bits (three XOR bits per merge, 64-bit
 * words of 64 elements), then one bit per element. Messages are packed bits in 64-bit words. For
 * chains where every ReLU reads a weighted layer directly (no residual additions, no max-pooling).
 */
public final class ExpectedCost {
    /** Rounds, bytes one party sends to its peers together. */
    public record Cost(long rounds, long bytesSent) {
    }

    private ExpectedCost() {
    }

    public static Cost of(SecureModel model, int beta, int batch, int parties) {
        List<Layer> layers = model.graph().layers();
        int ring = model.linearRing();
        long rounds = 0;
        long bytes = 0;
        boolean[] rewired = new boolean[layers.size() + 1];
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            int src = l.inputs()[0];
            boolean needsWire = l.hasWeights() || l.kind() == LoweredGraph.Kind.AVG_POOL;
            if (needsWire && (src == Graph.INPUT || layers.get(src).kind() == LoweredGraph.Kind.RELU)) {
                int key = src == Graph.INPUT ? layers.size() : src;
                if (!rewired[key]) {
                    rewired[key] = true;
                    long n = (long) batch * (src == Graph.INPUT ? model.graph().input().size() : layers.get(src).out().size());
                    rounds++;
                    bytes += packed(n, ring);
                }
            }
            if (l.kind() == LoweredGraph.Kind.RELU) {
                long n = (long) batch * l.out().size();
                if (src == Graph.INPUT || !layers.get(src).hasWeights()) {
                    throw new IllegalArgumentException("ReLU '" + l.name() + "' does not read a weighted layer directly");
                }
                int scale = model.activationBits() + model.weightBits()[src];
                Cost relu = beta == 0 ? exactRelu(n, ring, scale - model.activationBits(), 2)
                        : appRelu(n, ActivationPlan.of(SignPolynomials.forBeta(beta), FixedPointPolicy.DEFAULT), ring, scale, 2);
                rounds += relu.rounds();
                bytes += relu.bytesSent();
            }
        }
        return new Cost(rounds, bytes * (parties - 1));
    }

    /**
     * Exact ReLU of n values shared in Z_2^ring, truncated by {@code shift}: c's bits above the shift,
     * a comparison tree on the ring - 2 - shift bits below c's top two (ceil(log2) levels, three
     * XOR bits per merge, 64 elements a word), one opened bit.
     */
    public static Cost exactRelu(long n, int ring, int shift, int parties) {
        int tree = ring - 2 - shift;
        int levels = 32 - Integer.numberOfLeadingZeros(tree - 1);
        long words = (n + 63) / 64;
        long merges = 0;
        for (int nodes = tree; nodes > 1; nodes = nodes / 2 + nodes % 2) {
            merges += nodes / 2;
        }
        return new Cost(2 + levels, (packed(n, ring - shift) + 8 * (3 * merges * words + words)) * (parties - 1));
    }

    /**
     * AppReLU of n values u shared in Z_2^ring with {@code scale} fractional bits: one truncating
     * opening of the bits above the product input's shift, then per component its next input's
     * bits + 3 (the sign's after the last).
     */
    public static Cost appRelu(long n, ActivationPlan plan, int ring, int scale, int parties) {
        long bytes = packed(n, ring - (scale - plan.productInputBits()));
        for (int k = 0; k < plan.stages().size(); k++) {
            bytes += packed(n, plan.stages().get(k).ring() - plan.shiftAfter(k));
        }
        return new Cost(plan.stages().size() + 1, bytes * (parties - 1));
    }

    /** Bytes of one message of n values of the given bits. */
    private static long packed(long n, int bits) {
        return 8 * ((n * bits + 63) / 64);
    }
}
