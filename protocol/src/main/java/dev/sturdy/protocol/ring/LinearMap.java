package dev.sturdy.protocol.ring;

/**
 * A weighted layer's map from input to output over the ring, the one kernel the parties (on the
 * public masked weights and their mask shares) and the dealer (on the weights' mask and a wire's
 * mask) both run: a convolution (weights [O x C x k x k]), a fully connected layer (weights
 * [in x out], so x [batch x in] times W), or a per-channel scale (weights [C]).
 */
public final class LinearMap {
    public enum Type { CONV, LINEAR, CHANNEL_SCALE }

    private final Type type;
    private final Conv2dGeometry conv;
    private final int in;
    private final int out;
    private final int plane;

    private LinearMap(Type type, Conv2dGeometry conv, int in, int out, int plane) {
        this.type = type;
        this.conv = conv;
        this.in = in;
        this.out = out;
        this.plane = plane;
    }

    public static LinearMap conv(Conv2dGeometry g) {
        return new LinearMap(Type.CONV, g, g.inputSizePerSample(), g.outputSizePerSample(), 0);
    }

    public static LinearMap linear(int in, int out) {
        return new LinearMap(Type.LINEAR, null, in, out, 0);
    }

    /** Per-channel scale of [channels x plane] samples. */
    public static LinearMap channelScale(int channels, int plane) {
        return new LinearMap(Type.CHANNEL_SCALE, null, channels * plane, channels * plane, plane);
    }

    public Type type() {
        return type;
    }

    public int inputPerSample() {
        return in;
    }

    public int outputPerSample() {
        return out;
    }

    public int weightSize() {
        return switch (type) {
            case CONV -> conv.weightSize();
            case LINEAR -> in * out;
            case CHANNEL_SCALE -> in / plane;
        };
    }

    /** Output channels, for adding a per-channel bias: conv out channels, linear outputs, scale channels. */
    public int biasSize() {
        return switch (type) {
            case CONV -> conv.outChannels();
            case LINEAR -> out;
            case CHANNEL_SCALE -> in / plane;
        };
    }

    /** Elements of one bias channel in a sample's output. */
    public int biasRepeat() {
        return switch (type) {
            case CONV -> conv.outHeight() * conv.outWidth();
            case LINEAR -> 1;
            case CHANNEL_SCALE -> plane;
        };
    }

    /** Scratch longs {@link #apply} needs. */
    public int scratchSize() {
        return type == Type.CONV ? RingOps.colBufferSize(conv) : 0;
    }

    /** out (+)= map(w, x) for a batch, modulo 2^64. */
    public void apply(long[] w, long[] x, int batch, long[] result, boolean accumulate, long[] scratch) {
        switch (type) {
            case CONV -> RingOps.conv2d(w, x, batch, conv, result, accumulate, scratch);
            case LINEAR -> RingOps.matmul(x, 0, w, 0, result, 0, batch, in, out, accumulate);
            case CHANNEL_SCALE -> {
                int channels = in / plane;
                for (int b = 0; b < batch; b++) {
                    for (int c = 0; c < channels; c++) {
                        long wc = w[c];
                        int base = (b * channels + c) * plane;
                        for (int i = base; i < base + plane; i++) {
                            result[i] = accumulate ? result[i] + wc * x[i] : wc * x[i];
                        }
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return type + (conv != null ? " " + conv : " " + in + " -> " + out);
    }
}
