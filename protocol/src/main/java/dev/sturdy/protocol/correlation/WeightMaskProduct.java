package dev.sturdy.protocol.correlation;

import dev.sturdy.protocol.ring.LinearMap;
import dev.sturdy.protocol.ring.SumPool;
import java.util.List;

/**
 * The weights' mask applied to a wire's mask, map(mu, lambda) mod 2^ring, which makes a weighted
 * layer on a wire local: with public W^ = W + mu and wire x = x^ - lambda,
 * W x = W^ x^ - W^ lambda - mu x^ + map(mu, lambda). mu is the deployment's mask of the layer's
 * weights (used for nothing else); lambda is a part of an earlier request, optionally sum-pooled.
 */
public final class WeightMaskProduct extends Correlation {
    private final int layer;
    private final LinearMap map;
    private final int batch;
    private final int source;
    private final int sourcePart;
    private final SumPool pool;

    public WeightMaskProduct(int layer, LinearMap map, int batch, int ring, int source, int sourcePart, SumPool pool) {
        super(List.of(Part.dealt("product", batch * map.outputPerSample(), ring, 0)));
        this.layer = layer;
        this.map = map;
        this.batch = batch;
        this.source = source;
        this.sourcePart = sourcePart;
        this.pool = pool;
    }

    public static final int PRODUCT = 0;

    @Override
    public int[] references() {
        return new int[] {source};
    }

    @Override
    public CorrelationKind kind() {
        return CorrelationKind.WEIGHT_MASK_PRODUCT;
    }

    @Override
    public long elements() {
        return (long) batch * map.outputPerSample();
    }

    @Override
    protected void deal(Values own, DealerMemory memory) {
        long[] lambda = memory.of(source).lo(sourcePart);
        if (pool != null) {
            lambda = pool.apply(lambda, batch);
        }
        map.apply(memory.weightMask(layer), lambda, batch, own.lo(PRODUCT), false, new long[map.scratchSize()]);
    }
}
