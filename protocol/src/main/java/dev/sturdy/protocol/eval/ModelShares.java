package dev.sturdy.protocol.eval;

import dev.sturdy.model.fixed.FixedPointPolicy;
import dev.sturdy.model.lower.LoweredGraph;
import dev.sturdy.model.lower.LoweredGraph.Layer;
import dev.sturdy.protocol.prg.Seed;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;

/**
 * What one compute party holds of a deployed model's weights: per weighted layer the public
 * masked weights W^ = W + mu (the same on every party, so a weighted layer on a wire is local,
 * see {@link dev.sturdy.protocol.wire.LinearLayer}), its share of the mask mu (derived from its
 * weight seed, see {@link WeightSeeds}) and its additive share of the bias. Weights are encoded
 * with the layer's fractional bits, biases at the layer's output scale, both modulo 2^linearRing.
 * toString never shows a value.
 */
public final class ModelShares {
    private final SecureModel model;
    private final Seed seed;
    private final long[][] maskedWeights;
    private final long[][] biasShares;
    private final long[][] maskShares;

    private ModelShares(SecureModel model, Seed seed, long[][] maskedWeights, long[][] biasShares) {
        this.model = model;
        this.seed = seed;
        this.maskedWeights = maskedWeights;
        this.biasShares = biasShares;
        this.maskShares = new long[maskedWeights.length][];
        for (int l = 0; l < maskedWeights.length; l++) {
            if (maskedWeights[l] != null) {
                maskShares[l] = WeightSeeds.maskShare(model, seed, l);
            }
        }
    }

    /** The model owner's output: the public model, each compute party's shares, the dealer's seeds. */
    public record Split(SecureModel model, ModelShares[] parties, WeightSeeds dealer) {
    }

    /**
     * The model owner's step: encodes the folded weights of {@code graph} (scaled by the tensors'
     * multipliers, {@link SecureModel#multipliers}) with per-layer fractional bits, masks them with
     * fresh per-party seeds and splits the biases.
     */
    public static Split split(LoweredGraph graph, double bound, FixedPointPolicy policy, int parties, SecureRandom rnd) {
        List<Layer> layers = graph.layers();
        double[] m = SecureModel.multipliers(graph, bound);
        int[] bits = new int[layers.size()];
        double[][] w = new double[layers.size()][];
        double[][] b = new double[layers.size()][];
        int maxBits = 0;
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            if (!layer.hasWeights()) {
                continue;
            }
            double in = layer.inputs()[0] == dev.sturdy.model.graph.Graph.INPUT ? 1 : m[layer.inputs()[0]];
            w[l] = scaled(layer.weight(), m[l] / in);
            b[l] = scaled(layer.bias(), m[l]);
            if (layer.kind() == LoweredGraph.Kind.LINEAR) {
                w[l] = transpose(w[l], layer.out().size(), layer.in().size());
            }
            double max = 0;
            for (double v : w[l]) {
                max = Math.max(max, Math.abs(v));
            }
            bits[l] = policy.weightBits(max);
            maxBits = Math.max(maxBits, bits[l]);
        }
        SecureModel model = new SecureModel(graph, bits, policy.linearRing(maxBits), policy.activationBits(), bound);
        Seed[] seeds = new Seed[parties];
        for (int p = 0; p < parties; p++) {
            seeds[p] = Seed.random(rnd);
        }
        WeightSeeds dealer = new WeightSeeds(model, seeds);
        long keep = (1L << model.linearRing()) - 1;
        long[][] masked = new long[layers.size()][];
        long[][][] bias = new long[parties][layers.size()][];
        for (int l = 0; l < layers.size(); l++) {
            if (w[l] == null) {
                continue;
            }
            long[] mu = dealer.mask(l);
            masked[l] = new long[w[l].length];
            for (int i = 0; i < w[l].length; i++) {
                masked[l][i] = (Math.round(Math.scalb(w[l][i], bits[l])) + mu[i]) & keep;
            }
            int outScale = bits[l] + policy.activationBits();
            for (int p = 1; p < parties; p++) {
                bias[p][l] = new long[b[l].length];
                for (int i = 0; i < b[l].length; i++) {
                    bias[p][l][i] = rnd.nextLong() & keep;
                }
            }
            bias[0][l] = new long[b[l].length];
            for (int i = 0; i < b[l].length; i++) {
                long v = Math.round(Math.scalb(b[l][i], outScale));
                for (int p = 1; p < parties; p++) {
                    v -= bias[p][l][i];
                }
                bias[0][l][i] = v & keep;
            }
        }
        ModelShares[] shares = new ModelShares[parties];
        for (int p = 0; p < parties; p++) {
            shares[p] = new ModelShares(model, seeds[p], masked, bias[p]);
        }
        return new Split(model, shares, dealer);
    }

    private static double[] scaled(double[] v, double factor) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * factor;
        }
        return out;
    }

    /** [rows x cols] to [cols x rows]. */
    private static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }

    /** All-zero shares of the right sizes under a fixed seed: for a dry run that only needs shapes (the dealer's plan). */
    public static ModelShares zeros(SecureModel model) {
        try {
            return ofSizes(model, Seed.ofBytes(new byte[Seed.BYTES]), long[]::new);
        } catch (IOException e) {
            throw new AssertionError(e); // new arrays do not read anything
        }
    }

    /** Where a weighted layer's arrays come from, given their sizes (new zeros, or read from a file). */
    @FunctionalInterface
    private interface ArraySource {
        long[] next(int size) throws IOException;
    }

    /** Per weighted layer in order, W^ then the bias share from {@code arrays}, at the structure's sizes. */
    private static ModelShares ofSizes(SecureModel model, Seed seed, ArraySource arrays) throws IOException {
        List<Layer> layers = model.graph().layers();
        long[][] w = new long[layers.size()][];
        long[][] b = new long[layers.size()][];
        for (int l = 0; l < layers.size(); l++) {
            if (layers.get(l).hasWeights()) {
                int[] sizes = layers.get(l).parameterSizes();
                w[l] = arrays.next(sizes[0]);
                b[l] = arrays.next(sizes[1]);
            }
        }
        return new ModelShares(model, seed, w, b);
    }

    public SecureModel model() {
        return model;
    }

    public long[] maskedWeights(int layer) {
        return require(maskedWeights, layer);
    }

    public long[] maskShare(int layer) {
        return require(maskShares, layer);
    }

    public long[] biasShare(int layer) {
        return require(biasShares, layer);
    }

    private long[] require(long[][] by, int layer) {
        if (layer < 0 || layer >= by.length || by[layer] == null) {
            throw new IllegalArgumentException("layer " + layer + " has no weights");
        }
        return by[layer];
    }

    /** Writes the seed, then per weighted layer (in order) W^ and the bias share as big-endian longs. */
    public void write(DataOutput out) throws IOException {
        for (long v : seed.toLongs()) {
            out.writeLong(v);
        }
        for (int l = 0; l < maskedWeights.length; l++) {
            if (maskedWeights[l] != null) {
                writeLongs(out, maskedWeights[l]);
                writeLongs(out, biasShares[l]);
            }
        }
    }

    /** Reads what {@link #write} wrote for the same model; sizes come from the structure, not the file. */
    public static ModelShares read(DataInput in, SecureModel model) throws IOException {
        Seed seed = Seed.fromLongs(new long[] {in.readLong(), in.readLong()});
        return ofSizes(model, seed, size -> readLongs(in, size));
    }

    private static void writeLongs(DataOutput out, long[] v) throws IOException {
        for (long x : v) {
            out.writeLong(x);
        }
    }

    private static long[] readLongs(DataInput in, int n) throws IOException {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readLong();
        }
        return v;
    }

    @Override
    public String toString() {
        return "ModelShares[" + maskedWeights.length + " layers]";
    }
}
