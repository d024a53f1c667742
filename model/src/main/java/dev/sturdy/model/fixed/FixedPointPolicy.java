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

    /** The fractional bits of activations and inputs every measured agreement used, and the least f the defaults pick. */
    public static final int DEFAULT_ACTIVATION_BITS = 22;
    /** Most fractional bits of activations: the linear ring holds weight bits + f + 4 in at most 62 bits. */
    public static final int MAX_ACTIVATION_BITS = 24;
    /**
     * Bits of f beyond B. A wire between layers carries value / bound in units of 2^-f, and every
     * opening moves it by up to N - 1 units (N &lt;= 3 parties); a weighted layer sums those over its
     * fan-in before the next AppReLU, whose own error is 2^-B. Eight bits keep that sum below
     * AppReLU's error: at f = 22 it is the B &lt;= 14 that secure evaluation was measured at.
     */
    public static final int GUARD_BITS = 8;
    /** How the commands' fraction-bits options describe their default, {@link #activationBitsFor}. */
    public static final String DEFAULT_F_DESCRIPTION =
            " (default: the f that B needs: 22 up to B = 14, B + 8 above; fewer than B + 8 is refused).";

    public static final FixedPointPolicy DEFAULT = new FixedPointPolicy(DEFAULT_ACTIVATION_BITS, 16, 16, 18, 18, 20, 24);

    public FixedPointPolicy {
        require(activationBits >= 8 && activationBits <= MAX_ACTIVATION_BITS, "activation bits " + activationBits + " outside 8.."
                + MAX_ACTIVATION_BITS);
        require(weightSignificantBits >= 8 && weightSignificantBits <= 24, "weight bits " + weightSignificantBits);
        require(coefficientBits >= 8 && coefficientBits <= 32, "coefficient bits " + coefficientBits);
        require(firstInputBits >= 6 && laterInputBits >= 6 && signBits >= 6, "polynomial input bits below 6");
        require(productInputBits >= firstInputBits && productInputBits <= 40, "product input bits " + productInputBits);
    }

    /**
     * The fractional bits f of activations that precision B needs: B + {@link #GUARD_BITS}, never below
     * {@link #DEFAULT_ACTIVATION_BITS} (22 up to B = 14, then 23, 24). Exact ReLU (B = 0) takes the default.
     */
    public static int activationBitsFor(int beta) {
        int f = Math.max(DEFAULT_ACTIVATION_BITS, beta + GUARD_BITS);
        requireEnoughActivationBits(beta, f);
        return f;
    }

    /** {@code f} if given (not 0) and enough for B, else the f that B needs ({@link #activationBitsFor}). */
    public static int activationBits(int beta, int f) {
        if (f == 0) {
            return activationBitsFor(beta);
        }
        requireEnoughActivationBits(beta, f);
        return f;
    }

    /** Refuses f outside 8..24, and an f too small for precision B (B = 0: exact ReLU, any f). */
    public static void requireEnoughActivationBits(int beta, int f) {
        int need = beta == 0 ? 8 : beta + GUARD_BITS;
        String needs = "B = " + beta + " needs at least f = " + need + " fraction bits";
        String why = ": the fixed-point error of f bits must stay " + GUARD_BITS + " bits below AppReLU's 2^-B";
        require(need <= MAX_ACTIVATION_BITS, needs + ", more than the " + MAX_ACTIVATION_BITS + " the linear ring allows" + why);
        require(f >= 8 && f <= MAX_ACTIVATION_BITS, "fraction bits f = " + f + " outside 8.." + MAX_ACTIVATION_BITS);
        require(f >= need, needs + ", not " + f + why);
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
