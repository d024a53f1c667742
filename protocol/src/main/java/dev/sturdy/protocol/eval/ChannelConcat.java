package dev.sturdy.protocol.eval;

import dev.sturdy.protocol.wire.Shared;

/** Shares of [batch x C_k x H x W] tensors joined along channels, sample by sample. */
final class ChannelConcat {
    private ChannelConcat() {
    }

    /** The parts must agree in ring, scale and plane; outShape is [batch, sum C_k, H, W]. */
    static Shared apply(Shared[] parts, int[] outShape) {
        int batch = outShape[0];
        int scale = 0;
        for (Shared p : parts) {
            scale = Math.max(scale, p.scale());
        }
        // as Shared.add: the larger scale, valid in the smallest ring after shifting up
        Shared[] aligned = new Shared[parts.length];
        int ring = 128;
        for (int k = 0; k < parts.length; k++) {
            aligned[k] = parts[k].shiftUp(scale - parts[k].scale());
            ring = Math.min(ring, aligned[k].ring());
        }
        for (int k = 0; k < parts.length; k++) {
            aligned[k] = aligned[k].reduce(ring);
        }
        int outSample = outShape.length == 4 ? outShape[1] * outShape[2] * outShape[3] : outShape[1];
        long[] lo = new long[batch * outSample];
        boolean wide = aligned[0].wide();
        long[] hi = wide ? new long[lo.length] : null;
        int off = 0;
        for (Shared p : aligned) {
            int n = p.size() / batch;
            for (int b = 0; b < batch; b++) {
                System.arraycopy(p.lo(), b * n, lo, b * outSample + off, n);
                if (wide) {
                    System.arraycopy(p.hi(), b * n, hi, b * outSample + off, n);
                }
            }
            off += n;
        }
        return new Shared(lo, hi, ring, scale, outShape);
    }
}
