package dev.sturdy.protocol.ring;

/**
 * Sum pooling of [batch x C x H x W] ring tensors without padding (kernel 0: the whole plane). It is
 * average pooling times the window size, which the next weighted layer's encoding divides out, so a
 * pooled wire is still a wire: the parties pool its public part and their mask shares, the dealer
 * pools the mask.
 */
public record SumPool(int channels, int height, int width, int kernel, int stride) {

    public int outHeight() {
        return kernel == 0 ? 1 : (height - kernel) / stride + 1;
    }

    public int outWidth() {
        return kernel == 0 ? 1 : (width - kernel) / stride + 1;
    }

    public int window() {
        return kernel == 0 ? height * width : kernel * kernel;
    }

    public long[] apply(long[] x, int batch) {
        int oh = outHeight();
        int ow = outWidth();
        long[] out = new long[batch * channels * oh * ow];
        for (int bc = 0; bc < batch * channels; bc++) {
            if (kernel == 0) {
                long acc = 0;
                for (int i = bc * height * width; i < (bc + 1) * height * width; i++) {
                    acc += x[i];
                }
                out[bc] = acc;
                continue;
            }
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    long acc = 0;
                    for (int ky = 0; ky < kernel; ky++) {
                        int row = (bc * height + oy * stride + ky) * width + ox * stride;
                        for (int kx = 0; kx < kernel; kx++) {
                            acc += x[row + kx];
                        }
                    }
                    out[(bc * oh + oy) * ow + ox] = acc;
                }
            }
        }
        return out;
    }
}
