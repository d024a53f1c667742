package dev.sturdy.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * ReLU with the NGNV noise of DESIGN.md. In training, for each sample the r fraction of its
 * inputs that are most negative (and negative) let delta = lambda * e * z through, with
 * e ~ N(0, 1) or sgn(e); the output is ReLU(z) + delta. This is where a PANN errs: AppReLU(z)
 * = z (1 + Appsgn(z / bound)) / 2 leaks a multiple of z where ReLU gives exactly 0, so the
 * network learns to ignore what leaks from its background. At inference (and without settings)
 * the block is a plain ReLU, so it exports as one.
 */
public final class NgnvRelu extends AbstractBlock {

    private final NgnvSettings settings;

    /** settings null: a plain ReLU. */
    public NgnvRelu(NgnvSettings settings) {
        this.settings = settings;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray z = inputs.singletonOrThrow();
        NDArray out = Activation.relu(z);
        if (!training || settings == null || settings.lambda() == 0) {
            return new NDList(out);
        }
        return new NDList(out.add(noise(z, settings)));
    }

    /**
     * delta for a batch z (first axis: samples): lambda * e * z on each sample's most negative
     * ceil(r * n) inputs, 0 elsewhere. Differentiable in z; the mask and e are constants.
     */
    public static NDArray noise(NDArray z, NgnvSettings s) {
        long batch = z.getShape().get(0);
        long n = z.getShape().size() / batch;
        long k = Math.max(1, (long) Math.ceil(s.r() * n));
        NDArray flat = z.reshape(batch, n);
        NDArray kth = flat.stopGradient().sort(1).get(":, " + (k - 1)).reshape(batch, 1);
        NDArray mask = flat.lte(kth).logicalAnd(flat.lt(0)).toType(DataType.FLOAT32, false);
        NDArray e = z.getManager().randomNormal(new Shape(batch, n));
        if (s.sign()) {
            e = e.sign();
        }
        NDArray factor = e.muli(mask).muli((float) s.lambda());
        return flat.mul(factor).reshape(z.getShape());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
