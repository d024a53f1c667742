package dev.sturdy.protocol.ops;

import dev.sturdy.model.approx.CompositeSign;
import dev.sturdy.model.approx.EvaluationPlan;
import dev.sturdy.protocol.ring.RingTensor;

/**
 * AppReLU(z) = (z + z Appsgn(z / bound)) / 2 on shares, following {@link EvaluationPlan}: x = z / bound
 * (one exact DEALER truncation: 1 / bound carries extra bits as in {@link EvaluationPlan#simulate}),
 * the plan on x, and the output term (AppReLU(z) / bound) times bound, exact for an integer bound.
 */
public final class SecureAppRelu {
    /** Bits of the scaling product before truncation, as in the plan's simulation. */
    static final int SCALING_PRODUCT_BITS = 55;

    private final SecurePlan plan;
    private final double bound;

    public SecureAppRelu(CompositeSign sign, double bound) {
        if (!(bound > 0) || Double.isInfinite(bound)) {
            throw new IllegalArgumentException("bound must be positive and finite, got " + bound);
        }
        this.plan = new SecurePlan(EvaluationPlan.forAppRelu(sign));
        this.bound = bound;
    }

    public SecurePlan plan() {
        return plan;
    }

    /** Shares of AppReLU(z) for shares of z (f fractional bits, |z| up to bound). */
    public RingTensor apply(SecureOps ops, RingTensor z, TruncationMode mode) {
        RingTensor x = scaleDown(ops, z, 1 / bound);
        RingTensor out = plan.evaluate(ops, x, mode);
        return bound == Math.rint(bound) ? out.scale((long) bound) : ops.truncate(out.scale(
                ops.session().fixedPoint().encode(bound)), ops.session().fixedPoint().fractionalBits(), TruncationMode.DEALER);
    }

    /** Network rounds of {@link #apply}: the scaling truncation plus the plan's (and one if bound is not an integer). */
    public int rounds(TruncationMode mode) {
        return 1 + plan.rounds(mode) + (bound == Math.rint(bound) ? 0 : 1);
    }

    /** Ring elements one party sends to each peer per element. */
    public int openingsPerElement(TruncationMode mode) {
        return 1 + plan.openingsPerElement(mode) + (bound == Math.rint(bound) ? 0 : 1);
    }

    /**
     * z * v for a public 0 &lt; v &lt; 1 with v encoded at f + extra bits (extra = 55 - 2f, rounded
     * towards zero so |z v| never grows), one exact DEALER truncation by f + extra.
     */
    static RingTensor scaleDown(SecureOps ops, RingTensor z, double v) {
        int f = ops.session().fixedPoint().fractionalBits();
        int bits = f + Math.max(0, SCALING_PRODUCT_BITS - 2 * f);
        long factor = (long) Math.floor(Math.scalb(v, bits));
        return ops.truncate(z.scale(factor), bits, TruncationMode.DEALER);
    }
}
