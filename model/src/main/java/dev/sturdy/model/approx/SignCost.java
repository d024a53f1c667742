package dev.sturdy.model.approx;

/**
 * Cost of evaluating one odd component of degree d.
 *
 * <p>Two models: the FHE-style one of Lee et al. (non-scalar multiplications under odd baby-step
 * giant-step, multiplicative depth), which is what published degree tables minimise, and the MPC
 * one of {@link EvaluationPlan} (all odd Chebyshev terms up to d in depth rounds: floor(log2 d)
 * squares at one opened element each plus (d - 1) / 2 general products at two).
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

    /** Squares in the MPC plan: T_2, T_4, ..., T_{2^floor(log2 d)}. */
    public static int squares(int degree) {
        check(degree);
        return 31 - Integer.numberOfLeadingZeros(degree);
    }

    /** General products in the MPC plan: one per odd term T_3, ..., T_d. */
    public static int products(int degree) {
        check(degree);
        return (degree - 1) / 2;
    }

    /** Opened ring elements with Beaver triples: a square opens one masked value, a product two. */
    public static int openings(int degree) {
        return squares(degree) + 2 * products(degree);
    }

    private static void check(int degree) {
        if (degree < 1 || degree % 2 == 0 || degree > MAX_DEGREE) {
            throw new IllegalArgumentException("degree must be odd in 1.." + MAX_DEGREE + ", got " + degree);
        }
    }
}
