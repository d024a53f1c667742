package dev.sturdy.protocol.eval;

import dev.sturdy.model.graph.Graph;
import dev.sturdy.model.graph.Shape;
import dev.sturdy.protocol.cost.CostReport;
import dev.sturdy.protocol.cost.CostTracker;
import dev.sturdy.protocol.dealer.CorrelationRequest;
import dev.sturdy.protocol.eval.FoldedGraph.Layer;
import dev.sturdy.protocol.ops.CorrelationPlanner;
import dev.sturdy.protocol.ops.SecureOps;
import dev.sturdy.protocol.ops.TruncationMode;
import dev.sturdy.protocol.ring.Conv2dGeometry;
import dev.sturdy.protocol.ring.FixedPoint;
import dev.sturdy.protocol.ring.RingTensor;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a model's graph on a batch of secret-shared inputs, layer by layer, with secret-shared
 * weights. Every tensor is [batch, channels, height, width] in f-bit fixed point; the client
 * normalises its input with the model's normalisation before encoding and sharing it.
 *
 * <p>Linear layers (conv with folded batch norm, linear, standalone batch norm) take one Beaver
 * round for the product and one exact dealer-assisted truncation round: a conv output before
 * truncation reaches 2^(2f + log2 |sum|), where local truncation fails too often over a whole
 * network. Average pooling sums locally and scales by a public 1 / k^2 (one truncation round).
 * ReLU and max-pooling go to the {@link SecureActivation}; max-pooling reduces each window by a
 * pairwise tree (max(max(a, b), max(c, d)) for 2 x 2, as the plaintext evaluator), all windows
 * of a layer in one call per level. Costs go to the layer's name in the session's
 * {@link CostTracker}.
 */
public final class SecureEvaluator {
    private final FoldedGraph graph;
    private final SecureActivation activation;
    private final int[] lastUse;

    /** Logits [batch x classes] and the costs of the query on this party. */
    public record Output(RingTensor logits, CostReport cost) {
    }

    public SecureEvaluator(FoldedGraph graph, SecureActivation activation) {
        this.graph = graph;
        this.activation = activation;
        List<Layer> layers = graph.layers();
        lastUse = new int[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            for (int in : layers.get(i).inputs()) {
                if (in != Graph.INPUT) {
                    lastUse[in] = i;
                }
            }
        }
        lastUse[layers.size() - 1] = Integer.MAX_VALUE;
    }

    public FoldedGraph graph() {
        return graph;
    }

    public SecureActivation activation() {
        return activation;
    }

    /** Starts query {@code queryId}, evaluates, and reports this party's costs per layer. */
    public Output query(SecureOps ops, long queryId, ModelShares weights, RingTensor input) {
        ops.session().beginQuery(queryId);
        RingTensor logits = logits(ops, weights, input);
        return new Output(logits, ops.session().cost().report());
    }

    /** The dealer's request sequence for a batch: a dry run on zeros with the weights' shapes only. */
    public List<CorrelationRequest> correlationPlan(int parties, FixedPoint fp, TruncationMode sessionMode, int batch) {
        Shape in = graph.input();
        ModelShares zeros = ModelShares.zeros(graph, fp);
        return CorrelationPlanner.plan(parties, fp, sessionMode,
                ops -> logits(ops, zeros, RingTensor.zeros(batch, in.channels(), in.height(), in.width())));
    }

    /** Shares of the logits [batch x classes] for shares of normalised inputs [batch x C x H x W]. */
    public RingTensor logits(SecureOps ops, ModelShares weights, RingTensor input) {
        Shape s = graph.input();
        if (input.rank() != 4 || input.dim(1) != s.channels() || input.dim(2) != s.height() || input.dim(3) != s.width()) {
            throw new IllegalArgumentException("input shape " + Arrays.toString(input.shape()) + " but the model needs [batch, "
                    + s.channels() + ", " + s.height() + ", " + s.width() + "]");
        }
        int f = ops.session().fixedPoint().fractionalBits();
        if (weights.fractionalBits() != f) {
            throw new IllegalArgumentException("weights encoded with " + weights.fractionalBits()
                    + " fractional bits, the session uses " + f);
        }
        int batch = input.dim(0);
        List<Layer> layers = graph.layers();
        RingTensor[] out = new RingTensor[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            RingTensor x = input(out, input, l, 0);
            try (CostTracker.Section ignored = ops.session().cost().section(l.name())) {
                out[i] = switch (l.kind()) {
                    case CONV -> conv(ops, weights, l, x, batch);
                    case AFFINE -> affine(ops, weights, l, x, batch);
                    case LINEAR -> linear(ops, weights, l, x, batch);
                    case AVG_POOL -> avgPool(ops, l, x, batch);
                    case MAX_POOL -> maxPool(ops, l, x, batch);
                    case RELU -> activation.relu(ops, x);
                    case ADD -> x.add(input(out, input, l, 1));
                    case FLATTEN -> x.reshape(batch, l.out().channels(), 1, 1);
                    case SHORTCUT -> shortcut(l, x, batch);
                };
            }
            for (int in : l.inputs()) {
                if (in != Graph.INPUT && lastUse[in] == i) {
                    out[in] = null;
                }
            }
        }
        return out[layers.size() - 1].reshape(batch, graph.numClasses());
    }

    private static RingTensor input(RingTensor[] out, RingTensor input, Layer l, int which) {
        int in = l.inputs()[which];
        return in == Graph.INPUT ? input : out[in];
    }

    private static RingTensor conv(SecureOps ops, ModelShares w, Layer l, RingTensor x, int batch) {
        Conv2dGeometry g = new Conv2dGeometry(l.in().channels(), l.in().height(), l.in().width(), l.out().channels(),
                l.kernel(), l.stride(), l.padding());
        RingTensor raw = ops.conv2d(w.weight(l.name()).reshape(g.weightShape()), x, g);
        addBiasPerChannel(ops, raw, w.bias(l.name()), batch, l.out().channels());
        return ops.truncate(raw, ops.session().fixedPoint().fractionalBits(), TruncationMode.DEALER);
    }

    /** Standalone batch norm: secret per-channel scale (a Beaver product) and shift. */
    private static RingTensor affine(SecureOps ops, ModelShares w, Layer l, RingTensor x, int batch) {
        int c = l.in().channels();
        int plane = l.in().height() * l.in().width();
        long[] scale = w.weight(l.name()).data();
        long[] expanded = new long[x.size()];
        for (int b = 0; b < batch; b++) {
            for (int ch = 0; ch < c; ch++) {
                Arrays.fill(expanded, (b * c + ch) * plane, (b * c + ch + 1) * plane, scale[ch]);
            }
        }
        RingTensor raw = ops.mul(x, new RingTensor(expanded, x.shape()));
        addBiasPerChannel(ops, raw, w.bias(l.name()), batch, c);
        return ops.truncate(raw, ops.session().fixedPoint().fractionalBits(), TruncationMode.DEALER);
    }

    private static RingTensor linear(SecureOps ops, ModelShares w, Layer l, RingTensor x, int batch) {
        int in = l.in().size(), outF = l.out().size();
        RingTensor raw = ops.matmul(x.reshape(batch, in), w.weight(l.name()).reshape(in, outF));
        addBiasPerChannel(ops, raw, w.bias(l.name()), batch, outF);
        return ops.truncate(raw, ops.session().fixedPoint().fractionalBits(), TruncationMode.DEALER)
                .reshape(batch, outF, 1, 1);
    }

    /** Adds this party's bias share, moved to 2f bits, to every element of each channel. */
    private static void addBiasPerChannel(SecureOps ops, RingTensor raw, RingTensor bias, int batch, int channels) {
        int f = ops.session().fixedPoint().fractionalBits();
        long[] d = raw.data(), b = bias.data();
        int plane = d.length / (batch * channels);
        for (int i = 0; i < d.length; i++) {
            d[i] += b[(i / plane) % channels] << f;
        }
    }

    private static RingTensor avgPool(SecureOps ops, Layer l, RingTensor x, int batch) {
        Shape in = l.in(), out = l.out();
        long[] v = x.data();
        long[] sum = new long[batch * out.size()];
        int window;
        if (l.kernel() == 0) {
            int plane = in.height() * in.width();
            window = plane;
            for (int bc = 0; bc < batch * in.channels(); bc++) {
                long acc = 0;
                for (int i = bc * plane; i < (bc + 1) * plane; i++) {
                    acc += v[i];
                }
                sum[bc] = acc;
            }
        } else {
            int k = l.kernel();
            window = k * k;
            for (int bc = 0; bc < batch * in.channels(); bc++) {
                for (int oy = 0; oy < out.height(); oy++) {
                    for (int ox = 0; ox < out.width(); ox++) {
                        long acc = 0;
                        for (int ky = 0; ky < k; ky++) {
                            int row = (bc * in.height() + oy * l.stride() + ky) * in.width() + ox * l.stride();
                            for (int kx = 0; kx < k; kx++) {
                                acc += v[row + kx];
                            }
                        }
                        sum[(bc * out.height() + oy) * out.width() + ox] = acc;
                    }
                }
            }
        }
        FixedPoint fp = ops.session().fixedPoint();
        RingTensor s = new RingTensor(sum, batch, out.channels(), out.height(), out.width());
        return ops.truncate(s.scale(fp.encode(1.0 / window)), fp.fractionalBits(), TruncationMode.DEALER);
    }

    private RingTensor maxPool(SecureOps ops, Layer l, RingTensor x, int batch) {
        Shape in = l.in(), out = l.out();
        int k = l.kernel();
        int outSize = batch * out.size();
        long[] v = x.data();
        // one tensor per window position, row-major like the plaintext window
        RingTensor[] values = new RingTensor[k * k];
        for (int ky = 0; ky < k; ky++) {
            for (int kx = 0; kx < k; kx++) {
                long[] t = new long[outSize];
                for (int bc = 0; bc < batch * in.channels(); bc++) {
                    for (int oy = 0; oy < out.height(); oy++) {
                        int row = (bc * in.height() + oy * l.stride() + ky) * in.width() + kx;
                        int dst = (bc * out.height() + oy) * out.width();
                        for (int ox = 0; ox < out.width(); ox++) {
                            t[dst + ox] = v[row + ox * l.stride()];
                        }
                    }
                }
                values[ky * k + kx] = new RingTensor(t, outSize);
            }
        }
        int n = values.length;
        while (n > 1) {
            int pairs = n / 2;
            long[] left = new long[pairs * outSize], right = new long[pairs * outSize];
            for (int p = 0; p < pairs; p++) {
                System.arraycopy(values[2 * p].data(), 0, left, p * outSize, outSize);
                System.arraycopy(values[2 * p + 1].data(), 0, right, p * outSize, outSize);
            }
            long[] m = activation.max(ops, new RingTensor(left, left.length), new RingTensor(right, right.length), k)
                    .data();
            int half = 0;
            for (int p = 0; p < pairs; p++) {
                values[half++] = new RingTensor(Arrays.copyOfRange(m, p * outSize, (p + 1) * outSize), outSize);
            }
            if ((n & 1) == 1) {
                values[half++] = values[n - 1];
            }
            n = half;
        }
        return values[0].reshape(batch, out.channels(), out.height(), out.width());
    }

    private static RingTensor shortcut(Layer l, RingTensor x, int batch) {
        Shape in = l.in(), out = l.out();
        long[] v = x.data();
        long[] o = new long[batch * out.size()];
        for (int b = 0; b < batch; b++) {
            for (int c = 0; c < in.channels(); c++) {
                for (int oy = 0; oy < out.height(); oy++) {
                    for (int ox = 0; ox < out.width(); ox++) {
                        o[((b * out.channels() + c + l.padBefore()) * out.height() + oy) * out.width() + ox] =
                                v[((b * in.channels() + c) * in.height() + oy * l.stride()) * in.width() + ox * l.stride()];
                    }
                }
            }
        }
        return new RingTensor(o, batch, out.channels(), out.height(), out.width());
    }
}
