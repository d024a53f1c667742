package dev.sturdy.model.approx;

/**
 * Cost of evaluating one odd component of degree d in the FHE-style model of Lee et al.
 * (non-scalar multiplications under odd baby-step giant-step, multiplicative depth), which is what
 * published degree tables minimise; the protocol's own cost is measured by {@code sturdy poly}.
 */
public final class SignCost {

    /** Odd baby-step giant-step non-scalar multiplications for d = 1, 3, ..., 63 (Lee et al.). */
    private static final int[] BSGS_MULTS = {0, 2, 3, 5, 5, 6, 7, 8, 8, 8, 9, 9, 10, 10, 11, 12,
        11, 11, 11, 11, 12, 12, 13, 13, 14, 14, 14, 14, 15, 15, 16, 17};

    public static final int MAX_DEGREE = 2 * BSGS_MULTS.length - 1;

    private SignCost() {
    }

    /** Multiplicative depth ceil(log2(d + 1)), also the MPC rounds of the component. */
    public static int depth(int degree) {
        check(degree);
        return 32 - Integer.numberOfLeadingZeros(degree);
    }

    public static int bsgsMults(int degree) {
        check(degree);
        return BSGS_MULTS[(degree - 1) / 2];
    }

    private static void check(int degree) {
        if (degree < 1 || degree % 2 == 0 || degree > MAX_DEGREE) {
            throw new IllegalArgumentException("degree must be odd in 1.." + MAX_DEGREE + ", got " + degree);
        }
    }
}
