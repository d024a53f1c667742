package dev.sturdy.protocol.eval;

import dev.sturdy.protocol.eval.FoldedGraph.Layer;
import dev.sturdy.protocol.prg.Prg;
import dev.sturdy.protocol.ring.FixedPoint;
import dev.sturdy.protocol.ring.RingTensor;
import dev.sturdy.protocol.sharing.AdditiveSharing;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * One compute party's additive shares of a model's folded weights, encoded with f fractional
 * bits: per weighted layer a weight share and a bias share. The model owner makes the N share
 * sets with {@link #split}; party i gets set i and learns nothing about the weights from it.
 * toString never shows a value.
 */
public final class ModelShares {
    private final int fractionalBits;
    private final Map<String, RingTensor[]> byLayer;

    private ModelShares(int fractionalBits, Map<String, RingTensor[]> byLayer) {
        this.fractionalBits = fractionalBits;
        this.byLayer = byLayer;
    }

    /** Encodes the folded weights of {@code graph} (made from a model with weights) and splits them N ways. */
    public static ModelShares[] split(FoldedGraph graph, FixedPoint fp, int parties, Prg prg) {
        @SuppressWarnings("unchecked")
        Map<String, RingTensor[]>[] maps = new Map[parties];
        for (int p = 0; p < parties; p++) {
            maps[p] = new HashMap<>();
        }
        for (Layer l : graph.layers()) {
            if (!l.hasWeights()) {
                continue;
            }
            FoldedGraph.Folded f = graph.folded(l.name());
            long[][] w = AdditiveSharing.split(fp.encode(f.weight()), parties, prg);
            long[][] b = AdditiveSharing.split(fp.encode(f.bias()), parties, prg);
            for (int p = 0; p < parties; p++) {
                maps[p].put(l.name(), new RingTensor[] {new RingTensor(w[p], w[p].length), new RingTensor(b[p], b[p].length)});
            }
        }
        ModelShares[] out = new ModelShares[parties];
        for (int p = 0; p < parties; p++) {
            out[p] = new ModelShares(fp.fractionalBits(), maps[p]);
        }
        return out;
    }

    /** All-zero shares of the right sizes: for a dry run that only needs shapes (the dealer's plan). */
    public static ModelShares zeros(FoldedGraph graph, FixedPoint fp) {
        Map<String, RingTensor[]> m = new HashMap<>();
        for (Layer l : graph.layers()) {
            if (l.hasWeights()) {
                int[] sizes = graph.parameterSizes(l);
                m.put(l.name(), new RingTensor[] {RingTensor.zeros(sizes[0]), RingTensor.zeros(sizes[1])});
            }
        }
        return new ModelShares(fp.fractionalBits(), m);
    }

    /**
     * Writes the shares: f, the number of weighted layers, then per layer of {@code graph} (in
     * order) its name and the weight and bias shares as big-endian longs.
     */
    public void write(DataOutput out, FoldedGraph graph) throws IOException {
        out.writeInt(fractionalBits);
        out.writeInt(byLayer.size());
        for (Layer l : graph.layers()) {
            if (l.hasWeights()) {
                out.writeUTF(l.name());
                for (RingTensor t : get(l.name())) {
                    for (long v : t.data()) {
                        out.writeLong(v);
                    }
                }
            }
        }
    }

    /** Reads what {@link #write} wrote for the same structure; sizes come from the structure, not the file. */
    public static ModelShares read(DataInput in, FoldedGraph graph) throws IOException {
        int f = in.readInt();
        int count = in.readInt();
        Map<String, RingTensor[]> m = new HashMap<>();
        for (Layer l : graph.layers()) {
            if (!l.hasWeights()) {
                continue;
            }
            String name = in.readUTF();
            if (!name.equals(l.name())) {
                throw new IOException("model shares: expected layer '" + l.name() + "', found '" + name + "'");
            }
            int[] sizes = graph.parameterSizes(l);
            RingTensor[] t = new RingTensor[2];
            for (int k = 0; k < 2; k++) {
                long[] v = new long[sizes[k]];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.readLong();
                }
                t[k] = new RingTensor(v, v.length);
            }
            m.put(name, t);
        }
        if (count != m.size()) {
            throw new IOException("model shares hold " + count + " layers, the structure has " + m.size());
        }
        return new ModelShares(f, m);
    }

    public int fractionalBits() {
        return fractionalBits;
    }

    /** The weight share of a layer (flat). */
    public RingTensor weight(String layer) {
        return get(layer)[0];
    }

    /** The bias (or batch-norm shift) share of a layer. */
    public RingTensor bias(String layer) {
        return get(layer)[1];
    }

    private RingTensor[] get(String layer) {
        RingTensor[] t = byLayer.get(layer);
        if (t == null) {
            throw new IllegalArgumentException("model shares hold no weights for layer '" + layer + "'");
        }
        return t;
    }

    @Override
    public String toString() {
        return "ModelShares[" + byLayer.size() + " layers, f=" + fractionalBits + "]";
    }
}
