package dev.sturdy.model.graph;

/**
 * A convolution with the batch norm that follows it folded in, as both evaluators run it:
 * weight'[o] = weight[o] * scale[o] and bias'[o] = bias[o] * scale[o] + shift[o], in double.
 */
public record FoldedConv(double[] weight, double[] bias) {

    /** Folds bn (may be null: the convolution alone, as doubles) into c. */
    public static FoldedConv of(Conv2d c, BatchNorm bn) {
        int kdim = c.groupChannels() * c.kernel() * c.kernel();
        double[] w = new double[c.outChannels() * kdim];
        double[] bias = new double[c.outChannels()];
        for (int o = 0; o < c.outChannels(); o++) {
            double scale = bn == null ? 1 : bn.scale(o);
            double shift = bn == null ? 0 : bn.shift(o);
            for (int p = 0; p < kdim; p++) {
                w[o * kdim + p] = c.weight()[o * kdim + p] * scale;
            }
            bias[o] = (c.bias() == null ? 0 : c.bias()[o]) * scale + shift;
        }
        return new FoldedConv(w, bias);
    }
}
