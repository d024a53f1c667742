package dev.sturdy.protocol.correlation;

/** Kinds of correlated randomness, for cost accounting (one {@link Correlation} subclass each). */
public enum CorrelationKind {
    /** A uniform mask for a wire opened without truncation. */
    WIRE_MASK,
    /** A mask for an opening that truncates: r, r >>> s and its wrap term. */
    OPENING_MASK,
    /** Powers of an opening's truncated mask, for a polynomial in one opening. */
    MASK_POWERS,
    /** Products of two openings' truncated masks, for a product of two wires. */
    MASK_PRODUCT,
    /** The weights' mask applied to a wire's mask, for a linear layer without a round. */
    WEIGHT_MASK_PRODUCT,
    /** A mask with its bits as bit planes and its truncation, for a comparison. */
    EDABIT,
    /** Boolean AND pairs with a shared left operand. */
    BIT_AND,
    /** A random bit in both sharings, times the comparison's truncated mask. */
    BIT_INJECT
}
