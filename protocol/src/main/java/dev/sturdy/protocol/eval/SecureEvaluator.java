package dev.sturdy.protocol.eval;

import dev.sturdy.model.graph.Graph;
import dev.sturdy.model.graph.Shape;
import dev.sturdy.model.lower.LoweredGraph.Layer;
import dev.sturdy.protocol.correlation.Correlation;
import dev.sturdy.protocol.cost.CostReport;
import dev.sturdy.protocol.cost.CostTracker;
import dev.sturdy.protocol.ring.RingTensor;
import dev.sturdy.protocol.ring.SumPool;
import dev.sturdy.protocol.wire.LinearLayer;
import dev.sturdy.protocol.wire.Openings;
import dev.sturdy.protocol.wire.Session;
import dev.sturdy.protocol.wire.Shared;
import dev.sturdy.protocol.wire.Wire;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a model's lowered graph on a batch of secret-shared inputs, layer by layer. A layer's
 * output is additive shares or a wire (public masked value plus mask shares), made from the other
 * on demand: a weighted layer reads a wire and is local ({@link LinearLayer}); an activation reads
 * shares ({@link SecureActivation}); turning shares into a wire is one round that also truncates
 * ({@link Openings#rewire}). So a ReLU network costs, per layer, the activation's rounds plus one.
 * Tensors are [batch, ...] and carry value / bound (see {@link SecureModel}); the input is the
 * client's shares of the normalised image with the model's activation bits; the logits are
 * returned as shares modulo 2^64 with {@link SecureModel#outputBits()} fractional bits.
 */
public final class SecureEvaluator {
    private final SecureModel model;
    private final SecureActivation activation;
    private final int[] lastUse;

    /** Logits [batch x classes] and the costs of the query on this party. */
    public record Output(RingTensor logits, CostReport cost) {
    }

    public SecureEvaluator(SecureModel model, SecureActivation activation) {
        this.model = model;
        this.activation = activation;
        this.lastUse = model.graph().lastUse();
    }

    public SecureModel model() {
        return model;
    }

    public SecureActivation activation() {
        return activation;
    }

    /** Starts query {@code queryId}, evaluates, and reports this party's costs per layer. */
    public Output query(Session s, long queryId, ModelShares weights, RingTensor input) {
        s.beginQuery(queryId);
        RingTensor logits = logits(s, weights, input);
        return new Output(logits, s.cost().report());
    }

    /** The dealer's request sequence for a batch: a dry run on zeros with the weights' shapes only. */
    public List<Correlation> correlationPlan(int parties, int batch) {
        Shape in = model.graph().input();
        ModelShares zeros = ModelShares.zeros(model);
        return CorrelationPlanner.plan(parties,
                s -> logits(s, zeros, RingTensor.zeros(batch, in.channels(), in.height(), in.width())));
    }

    /** A layer's output, as shares and/or as a wire (each made from the other when first asked for). */
    private static final class Value {
        Shared shared;
        Wire wire;
    }

    /** Shares of the logits [batch x classes] for shares of normalised inputs [batch x C x H x W]. */
    public RingTensor logits(Session s, ModelShares weights, RingTensor input) {
        Shape shape = model.graph().input();
        if (input.rank() != 4 || input.dim(1) != shape.channels() || input.dim(2) != shape.height()
                || input.dim(3) != shape.width()) {
            throw new IllegalArgumentException("input shape " + Arrays.toString(input.shape()) + " but the model needs [batch, "
                    + shape.channels() + ", " + shape.height() + ", " + shape.width() + "]");
        }
        int batch = input.dim(0);
        List<Layer> layers = model.graph().layers();
        Value in = new Value();
        in.shared = new Shared(input.data(), null, 64, model.activationBits(), input.shape());
        Value[] out = new Value[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            Value x = l.inputs()[0] == Graph.INPUT ? in : out[l.inputs()[0]];
            Value y = new Value();
            try (CostTracker.Section ignored = s.cost().section(l.name())) {
                int[] outShape = shapeOf(batch, l.out());
                switch (l.kind()) {
                    case CONV, LINEAR, AFFINE -> y.shared = LinearLayer.apply(s, wire(s, x), i, SecureModel.map(l),
                            model.weightBits()[i], weights.maskedWeights(i), weights.maskShare(i), weights.biasShare(i))
                            .reshape(outShape);
                    case RELU -> y.shared = activation.relu(s, shared(s, x), model);
                    case CLIPPED_RELU -> y.shared = clippedRelu(s, shared(s, x), l);
                    case MAX_POOL -> y.shared = MaxPooling.apply(s, shared(s, x), l, activation, model);
                    case AVG_POOL -> avgPool(s, x, y, l);
                    case ADD -> {
                        Value other = l.inputs()[1] == Graph.INPUT ? in : out[l.inputs()[1]];
                        y.shared = shared(s, x).add(shared(s, other));
                    }
                    case FLATTEN -> {
                        y.shared = x.shared == null ? null : x.shared.reshape(outShape);
                        y.wire = x.wire == null ? null : x.wire.reshape(outShape);
                    }
                    case CONCAT -> {
                        Shared[] parts = new Shared[l.inputs().length];
                        for (int k = 0; k < parts.length; k++) {
                            parts[k] = shared(s, l.inputs()[k] == Graph.INPUT ? in : out[l.inputs()[k]]);
                        }
                        y.shared = ChannelConcat.apply(parts, outShape);
                    }
                    case GATHER -> y.shared = gather(shared(s, x), l.gather(), outShape);
                }
            }
            out[i] = y;
            for (int src : l.inputs()) {
                if (src != Graph.INPUT && lastUse[src] == i) {
                    out[src] = null;
                }
            }
        }
        Shared logits = out[layers.size() - 1].shared;
        int up = 64 - logits.ring();
        long[] v = new long[logits.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = logits.lo()[k] << up;
        }
        return new RingTensor(v, batch, model.graph().numClasses());
    }

    private static int[] shapeOf(int batch, Shape s) {
        return s.isFlat() ? new int[] {batch, s.channels()} : new int[] {batch, s.channels(), s.height(), s.width()};
    }

    private Wire wire(Session s, Value v) {
        if (v.wire == null) {
            v.wire = Openings.rewire(s, v.shared, model.linearRing(), model.activationBits());
        }
        return v.wire;
    }

    private static Shared shared(Session s, Value v) {
        if (v.shared == null) {
            v.shared = v.wire.toShared(s.first());
        }
        return v.shared;
    }

    /**
     * ReLU(x) - ReLU(x - ceiling), both ReLUs in one call of the activation (the same rounds as one
     * ReLU on twice the elements). x carries z / bound, so the ceiling is shifted by ceiling / bound.
     */
    private Shared clippedRelu(Session s, Shared x, Layer l) {
        long c = Math.round(Math.scalb(l.ceiling() / model.bound(), x.scale()));
        long[] lo = new long[x.size()];
        long[] hi = x.wide() ? new long[x.size()] : null;
        if (s.first()) {
            Arrays.fill(lo, c);
            if (hi != null) {
                Arrays.fill(hi, c < 0 ? -1L : 0L);
            }
        }
        Shared shifted = x.subtract(new Shared(lo, hi, x.ring(), x.scale(), x.shape()));
        Shared both = activation.relu(s, Shared.concat(List.of(x, shifted)), model);
        return both.slice(0, x.size()).subtract(both.slice(x.size(), x.size())).reshape(x.shape());
    }

    /** Each sample's elements moved by a per-sample index map (-1: zero). */
    private static Shared gather(Shared x, int[] index, int[] outShape) {
        int batch = outShape[0];
        int inSize = x.size() / batch;
        int[] all = new int[batch * index.length];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < index.length; i++) {
                all[b * index.length + i] = index[i] < 0 ? -1 : b * inSize + index[i];
            }
        }
        return x.gather(all, outShape);
    }

    /**
     * Sum pooling (the weights after it divide by the window) on the wire: what reads a pooled
     * tensor is a weighted layer (ReLU and max need the scale only weighted layers give,
     * {@link SecureModel#multipliers}), and it needs the wire anyway.
     */
    private void avgPool(Session s, Value x, Value y, Layer l) {
        Shape in = l.in();
        y.wire = wire(s, x).pool(new SumPool(in.channels(), in.height(), in.width(), l.kernel(), l.stride()));
    }
}
