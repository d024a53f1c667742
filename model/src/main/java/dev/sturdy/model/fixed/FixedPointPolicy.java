package dev.sturdy.model.fixed;

/**
 * Every fixed-point choice of secure inference in one place, read by the model's activation plan
 * and by the protocol.
 *
 * <p>Scaling: each tensor between layers carries value / bound (the model's PANN bound), so an
 * activation input is u = z / bound in [-1, 1] with no runtime scaling; the bound is folded into the
 * weights (a layer reading the image divides by it, the output layer multiplies by it).
 * Tensors are encoded with {@link #activationBits} fractional bits. Each weighted layer encodes its
 * weights with as many fractional bits as keep {@link #weightSignificantBits} significant bits for
 * its largest weight ({@link #weightBits}), so a layer's raw output has
 * weightBits + activationBits fractional bits and the linear ring {@link #linearRing} holds it.
 *
 * <p>Polynomials: component i of the composite sign reads an input with {@link #inputBits} fractional
 * bits and is evaluated exactly in the ring Z_2^128 at scale coefficientBits + degree * inputBits;
 * the sign leaves the chain with {@link #signBits} bits, and AppReLU's product u (1 + sign) / 2 reads
 * u with {@link #productInputBits} (the same opening as p1's input, truncated less).
 */
public record FixedPointPolicy(int activationBits, int weightSignificantBits, int coefficientBits, int firstInputBits,
                               int laterInputBits, int signBits, int productInputBits) {

    /** Largest ring any value of the activation chain lives in. */
    public static final int WIDE = 128;
    /** Headroom bits above a layer's raw output scale: sign, out-of-range activations up to 4 x bound. */
    public static final int LINEAR_HEADROOM = 4;

    /** The default fractional bits of activations and inputs (a constant, for command-line defaults). */
    public static final int DEFAULT_ACTIVATION_BITS = 22;

    public static final FixedPointPolicy DEFAULT = new FixedPointPolicy(DEFAULT_ACTIVATION_BITS, 16, 16, 18, 18, 20, 24);

    public FixedPointPolicy {
        require(activationBits >= 8 && activationBits <= 24, "activation bits " + activationBits + " outside 8..24");
        require(weightSignificantBits >= 8 && weightSignificantBits <= 24, "weight bits " + weightSignificantBits);
        require(coefficientBits >= 8 && coefficientBits <= 32, "coefficient bits " + coefficientBits);
        require(firstInputBits >= 6 && laterInputBits >= 6 && signBits >= 6, "polynomial input bits below 6");
        require(productInputBits >= firstInputBits && productInputBits <= 40, "product input bits " + productInputBits);
    }

    /**
     * Fractional bits of a layer's weights: the largest |w| keeps weightSignificantBits significant
     * bits (between 4 and 30 fractional bits).
     */
    public int weightBits(double maxAbsWeight) {
        int magnitude = maxAbsWeight > 0 ? Math.getExponent(maxAbsWeight) + 1 : 0;
        return Math.max(4, Math.min(30, weightSignificantBits - magnitude));
    }

    /** The linear ring: bits that hold the raw output of every layer, given the largest weightBits of the model. */
    public int linearRing(int maxWeightBits) {
        int bits = maxWeightBits + activationBits + LINEAR_HEADROOM;
        require(bits <= 62, "weights need " + maxWeightBits + " fractional bits: the linear ring would need " + bits
                + " > 62 bits");
        return bits;
    }

    /**
     * Fractional bits of component {@code index}'s input (0 is p1): the policy's cap, lowered so that
     * the component's value, coefficientBits + degree * inputBits plus two bits, fits in 128 bits.
     */
    public int inputBits(int index, int degree) {
        int cap = index == 0 ? firstInputBits : laterInputBits;
        return Math.min(cap, (WIDE - 2 - coefficientBits) / degree);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
