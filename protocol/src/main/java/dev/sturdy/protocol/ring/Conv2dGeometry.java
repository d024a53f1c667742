package dev.sturdy.protocol.ring;

/**
 * Geometry of a 2-D convolution with a square kernel on CHW inputs, in groups (output channel o
 * reads only the input channels of its group) and with a dilation (tap (ky, kx) reads dilation *
 * (ky, kx) from the window's corner): weights are [outChannels x inChannels/groups x kernel x
 * kernel], inputs [batch x inChannels x height x width], outputs [batch x outChannels x outHeight
 * x outWidth]. Zero padding on all four sides.
 */
public record Conv2dGeometry(int inChannels, int height, int width, int outChannels, int kernel, int stride,
                             int padding, int groups, int dilation) {

    public Conv2dGeometry {
        if (inChannels <= 0 || height <= 0 || width <= 0 || outChannels <= 0 || kernel <= 0 || stride <= 0
                || padding < 0 || groups <= 0 || dilation <= 0 || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("invalid convolution geometry: " + describe(inChannels, height,
                    width, outChannels, kernel, stride, padding, groups, dilation));
        }
        int span = dilation * (kernel - 1) + 1;
        if (height + 2 * padding < span || width + 2 * padding < span) {
            throw new IllegalArgumentException("kernel larger than the padded input: " + describe(inChannels,
                    height, width, outChannels, kernel, stride, padding, groups, dilation));
        }
    }

    /** An ungrouped convolution without dilation. */
    public Conv2dGeometry(int inChannels, int height, int width, int outChannels, int kernel, int stride, int padding) {
        this(inChannels, height, width, outChannels, kernel, stride, padding, 1, 1);
    }

    private static String describe(int c, int h, int w, int o, int k, int s, int p, int g, int d) {
        return "in " + c + "x" + h + "x" + w + ", out channels " + o + ", kernel " + k + ", stride " + s
                + ", padding " + p + (g > 1 ? ", groups " + g : "") + (d > 1 ? ", dilation " + d : "");
    }

    /** The input extent one output reads along each axis. */
    public int span() {
        return dilation * (kernel - 1) + 1;
    }

    /** Input channels of one group. */
    public int groupInChannels() {
        return inChannels / groups;
    }

    /** Output channels of one group. */
    public int groupOutChannels() {
        return outChannels / groups;
    }

    public int outHeight() {
        return (height + 2 * padding - span()) / stride + 1;
    }

    public int outWidth() {
        return (width + 2 * padding - span()) / stride + 1;
    }

    /** Rows of one group's im2col matrix: inChannels / groups * kernel * kernel. */
    public int patchSize() {
        return groupInChannels() * kernel * kernel;
    }

    public int weightSize() {
        return outChannels * patchSize();
    }

    public int inputSizePerSample() {
        return inChannels * height * width;
    }

    public int outputSizePerSample() {
        return outChannels * outHeight() * outWidth();
    }

    public int[] weightShape() {
        return new int[] {outChannels, groupInChannels(), kernel, kernel};
    }

    public int[] inputShape(int batch) {
        return new int[] {batch, inChannels, height, width};
    }

    public int[] outputShape(int batch) {
        return new int[] {batch, outChannels, outHeight(), outWidth()};
    }
}
