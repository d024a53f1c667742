package dev.sturdy.protocol.wire;

import dev.sturdy.protocol.ring.SumPool;
import java.util.Arrays;

/**
 * A tensor held as a public masked value x^ = x + lambda (mod 2^ring, ring being the model's
 * linear ring) and this party's share of the mask lambda, which the dealer knows: the input of a
 * weighted layer, which is then local. {@code source} and {@code sourcePart} name the correlation
 * part that holds the dealer's lambda; {@code pool}, when not null, is the sum pooling that took
 * that lambda to this wire's mask (a pooled wire is a wire whose mask the dealer pools alike).
 */
public record Wire(long[] pub, long[] mask, int ring, int scale, int[] shape, int source, int sourcePart, SumPool pool) {

    public Wire {
        if (pub.length != mask.length) {
            throw new IllegalArgumentException("public part and mask differ in size");
        }
        shape = shape.clone();
    }

    /** The wire sum-pooled: public part and mask alike. */
    public Wire pool(SumPool p) {
        if (pool != null) {
            throw new IllegalArgumentException("a wire can be pooled once before a weighted layer reads it");
        }
        int batch = shape[0];
        return new Wire(p.apply(pub, batch), p.apply(mask, batch), ring, scale,
                new int[] {batch, p.channels(), p.outHeight(), p.outWidth()}, source, sourcePart, p);
    }

    public Wire reshape(int... newShape) {
        return new Wire(pub, mask, ring, scale, newShape, source, sourcePart, pool);
    }

    /** This party's additive share of x: x^ - lambda on party 0, -lambda elsewhere. */
    public Shared toShared(boolean first) {
        long[] s = new long[pub.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = (first ? pub[i] : 0L) - mask[i];
        }
        return new Shared(s, null, ring, scale, shape);
    }

    @Override
    public String toString() {
        return "Wire" + Arrays.toString(shape) + " in Z_2^" + ring;
    }
}
