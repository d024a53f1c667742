package dev.sturdy.protocol.wire;

import dev.sturdy.protocol.correlation.Values;
import dev.sturdy.protocol.correlation.WeightMaskProduct;
import dev.sturdy.protocol.ring.LinearMap;

/**
 * A weighted layer on a wire, with no round: for public masked weights W^ = W + mu and the wire
 * x = x^ - lambda, W x = W^ x^ - W^ lambda - mu x^ + map(mu, lambda), where this party holds its
 * share of mu and of map(mu, lambda) ({@link WeightMaskProduct}). Each party runs two maps:
 * W^ applied to (x^ on party 0 only) - lambda_i, and mu_i applied to x^. Then its bias share.
 */
public final class LinearLayer {
    private LinearLayer() {
    }

    /**
     * @param layer the layer's index (the dealer finds mu by it)
     * @param maskedWeights W^ mod 2^ring, the same on every party
     * @param maskShare this party's share of mu
     * @param biasShare this party's share of the bias at the output's scale (weightBits + the wire's)
     */
    public static Shared apply(Session s, Wire x, int layer, LinearMap map, int weightBits, long[] maskedWeights,
                               long[] maskShare, long[] biasShare) {
        int batch = x.shape()[0];
        if (x.pub().length != batch * map.inputPerSample()) {
            throw new IllegalArgumentException("layer " + layer + ": a wire of " + x.pub().length + " elements for " + map);
        }
        Values mp = s.take(new WeightMaskProduct(layer, map, batch, x.ring(), x.source(), x.sourcePart(), x.pool()));
        long[] in = new long[x.pub().length];
        long[] pub = x.pub();
        long[] lambda = x.mask();
        boolean first = s.first();
        for (int i = 0; i < in.length; i++) {
            in[i] = (first ? pub[i] : 0L) - lambda[i];
        }
        long[] scratch = new long[map.scratchSize()];
        int outSize = batch * map.outputPerSample();
        long[] out = new long[outSize];
        map.apply(maskedWeights, in, batch, out, false, scratch);
        long[] muX = new long[outSize];
        map.apply(maskShare, pub, batch, muX, false, scratch);
        long[] product = mp.lo(WeightMaskProduct.PRODUCT);
        int repeat = map.biasRepeat();
        int channels = map.biasSize();
        for (int i = 0; i < outSize; i++) {
            out[i] += product[i] - muX[i] + biasShare[(i / repeat) % channels];
        }
        return new Shared(out, null, x.ring(), weightBits + x.scale(), outShape(map, batch));
    }

    private static int[] outShape(LinearMap map, int batch) {
        return new int[] {batch, map.outputPerSample()};
    }
}
