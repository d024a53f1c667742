package dev.sturdy.protocol.wire;

import dev.sturdy.model.approx.ActivationPlan;
import java.util.List;

/**
 * AppReLU on shares, following {@link ActivationPlan}: one truncating opening of z into the first
 * wire (u = z / bound with p1's input bits) and, from the same opening, the finer wire U that
 * AppReLU's product reads; then per component its polynomial locally
 * from the dealer's mask powers and one truncating opening into the next wire, the last one into
 * the sign wire S, and the product U (2^signBits + S) / 2 locally. Rounds: components + 1.
 */
public final class PannActivation {
    private final ActivationPlan plan;
    private final List<PolynomialStage> stages;

    public PannActivation(ActivationPlan plan) {
        this.plan = plan;
        this.stages = plan.stages().stream().map(PolynomialStage::new).toList();
    }

    public ActivationPlan plan() {
        return plan;
    }

    /** Network rounds of one {@link #apply}. */
    public int rounds() {
        return stages.size() + 1;
    }

    /**
     * Shares of AppReLU(z) / bound for shares of u = z / bound (any ring and scale), in Z_2^outRing
     * with {@link ActivationPlan#outputScale()} fractional bits; outRing must hold that scale plus
     * what the consumer needs.
     */
    public Shared apply(Session s, Shared u, int outRing) {
        List<ActivationPlan.Stage> ps = plan.stages();
        if (outRing < plan.outputScale() + 2 || outRing > 128) {
            throw new IllegalArgumentException("AppReLU's output needs a ring of " + (plan.outputScale() + 2) + " to 128 bits, got "
                    + outRing);
        }
        TruncatedWire[] opened = Openings.truncate(s, u, new int[] {ps.get(0).inputBits(), plan.productInputBits()},
                new int[] {ps.get(0).ring(), outRing});
        TruncatedWire x = opened[0];
        for (int i = 0; i < stages.size(); i++) {
            Shared value = stages.get(i).evaluate(s, x);
            boolean last = i + 1 == stages.size();
            int bits = last ? plan.signBits() : ps.get(i + 1).inputBits();
            x = Openings.truncate(s, value, bits, last ? outRing : ps.get(i + 1).ring());
        }
        Shared product = WireProduct.times(s, opened[1], 1L << plan.signBits(), x, outRing);
        // U (2^signBits + S) / 2: the halving is one more fractional bit
        return new Shared(product.lo(), product.hi(), outRing, product.scale() + 1, u.shape());
    }
}
