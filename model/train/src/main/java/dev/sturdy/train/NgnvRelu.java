package dev.sturdy.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * ReLU with the NGNV noise of ../shared/DESIGN.md. In training, for each sample the r fraction of its
 * inputs that are most negative (and negative) let delta = lambda * e * z through, with
 * e ~ N(0, 1) or sgn(e); the output is ReLU(z) + delta. This is where a PANN errs: AppReLU(z)
 * = z (1 + Appsgn(z / bound)) / 2 leaks a multiple of z where ReLU gives exactly 0, so the
 * network learns to ignore what leaks from its background. At inference (and without settings)
 * the block is a plain ReLU, so it exports as one.
 */
public final class NgnvRelu extends AbstractBlock {

    private final NgnvSettings settings;
    private final Random random;

    /** settings null: a plain ReLU. random: the source of e, shared by the network's ReLUs and reseeded per epoch. */
    public NgnvRelu(NgnvSettings settings, Random random) {
        this.settings = settings;
        this.random = random;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray z = inputs.singletonOrThrow();
        NDArray out = Activation.relu(z);
        if (!training || settings == null || settings.lambda() == 0) {
            return new NDList(out);
        }
        return new NDList(out.add(noise(z, settings, random)));
    }

    /** delta for a batch z (first axis: samples); differentiable in z, with the mask and e as constants. */
    public static NDArray noise(NDArray z, NgnvSettings s, Random random) {
        long batch = z.getShape().get(0);
        float[] factor = factors(z.toFloatArray(), Math.toIntExact(batch), Math.toIntExact(z.size() / batch), s, random);
        return z.mul(z.getManager().create(factor, z.getShape()));
    }

    /**
     * The multiplier of each input: lambda * e on each sample's ceil(r * n) smallest inputs that
     * are negative, 0 elsewhere. Computed on the JVM, samples in parallel, each with its own
     * generator seeded in order from random (so the noise depends only on random's seed): torch's
     * sort, topk and chains of element-wise ops over a batch of activations cost about a second
     * per layer here.
     */
    static float[] factors(float[] z, int rows, int n, NgnvSettings s, Random random) {
        int k = Math.max(1, (int) Math.ceil(s.r() * n));
        long[] seeds = new long[rows];
        for (int r = 0; r < rows; r++) {
            seeds[r] = random.nextLong();
        }
        float[] factor = new float[z.length];
        float lambda = (float) s.lambda();
        IntStream.range(0, rows).parallel().forEach(r -> {
            float t = KthSmallest.ofRange(z, r * n, n, k);
            SplittableRandom e = new SplittableRandom(seeds[r]);
            for (int i = r * n; i < (r + 1) * n; i++) {
                if (z[i] <= t && z[i] < 0) {
                    // sgn(e) of a standard normal e is a fair coin.
                    factor[i] = lambda * (s.sign() ? (e.nextBoolean() ? 1f : -1f) : (float) e.nextGaussian());
                }
            }
        });
        return factor;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
