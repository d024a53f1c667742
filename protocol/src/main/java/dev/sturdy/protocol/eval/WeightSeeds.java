package dev.sturdy.protocol.eval;

import dev.sturdy.protocol.correlation.Dealer;
import dev.sturdy.protocol.prg.Prg;
import dev.sturdy.protocol.prg.Seed;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The seeds of a deployment's weight masks, one per compute party: party i's share of layer l's
 * mask is PRG(seed_i, stream l) modulo 2^linearRing. Party i holds seed i; the dealer holds all of
 * them and so knows every mask mu = sum_i mu_i, which it needs for
 * {@link dev.sturdy.protocol.correlation.WeightMaskProduct}. The masks serve the weights only.
 */
public final class WeightSeeds implements Dealer.WeightMasks {
    private final SecureModel model;
    private final Seed[] seeds;
    private final ConcurrentHashMap<Integer, long[]> masks = new ConcurrentHashMap<>();

    WeightSeeds(SecureModel model, Seed[] seeds) {
        this.model = model;
        this.seeds = seeds.clone();
    }

    /** Party {@code party}'s share of layer {@code layer}'s weight mask. */
    static long[] maskShare(SecureModel model, Seed seed, int layer) {
        int size = model.graph().layers().get(layer).parameterSizes()[0];
        long[] m = new Prg(seed, layer).next(size);
        long keep = (1L << model.linearRing()) - 1;
        for (int i = 0; i < size; i++) {
            m[i] &= keep;
        }
        return m;
    }

    @Override
    public long[] mask(int layer) {
        return masks.computeIfAbsent(layer, l -> {
            long[] sum = new long[model.graph().layers().get(l).parameterSizes()[0]];
            for (Seed s : seeds) {
                long[] share = maskShare(model, s, l);
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += share[i];
                }
            }
            return sum;
        });
    }

    public int parties() {
        return seeds.length;
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(seeds.length);
        for (Seed s : seeds) {
            for (long v : s.toLongs()) {
                out.writeLong(v);
            }
        }
    }

    public static WeightSeeds read(DataInput in, SecureModel model) throws IOException {
        int n = in.readInt();
        if (n < 2 || n > 3) {
            throw new IOException("weight seeds for " + n + " parties");
        }
        Seed[] seeds = new Seed[n];
        for (int p = 0; p < n; p++) {
            seeds[p] = Seed.fromLongs(new long[] {in.readLong(), in.readLong()});
        }
        return new WeightSeeds(model, seeds);
    }

    @Override
    public String toString() {
        return "WeightSeeds[" + seeds.length + " parties]";
    }
}
