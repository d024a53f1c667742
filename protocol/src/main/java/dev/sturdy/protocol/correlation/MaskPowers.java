package dev.sturdy.protocol.correlation;

import dev.sturdy.protocol.ring.Wide;
import java.util.ArrayList;
import java.util.List;

/**
 * Powers of a truncating opening's mask, so that a polynomial of any degree in the opened wire
 * costs that one opening: the wire's mask is Lambda = rho - t M (t public), so
 * Lambda^k = rho^k + t ((rho - M)^k - rho^k). For k = 2..degree the dealer deals rho^k and
 * delta_k = (rho - M)^k - rho^k (a multiple of 2^wrapShift) mod 2^ring; k = 1 is the opening's own
 * rho and -M.
 */
public final class MaskPowers extends Correlation {
    private final int source;
    private final int rhoPart;
    private final int wrapPart;
    private final int n;
    private final int degree;
    private final boolean wraps;

    /** @param source the id of the {@link OpeningMask} taken for the wire; truncation: which of its wires */
    public MaskPowers(int source, OpeningMask mask, int truncation, int degree, int ring) {
        super(parts(mask, truncation, degree, ring));
        this.source = source;
        this.rhoPart = mask.rho(truncation);
        this.wrapPart = mask.wrap(truncation);
        this.n = mask.parts().get(OpeningMask.R).count();
        this.degree = degree;
        this.wraps = wraps(mask, truncation, ring);
    }

    private static boolean wraps(OpeningMask mask, int truncation, int ring) {
        return mask.wrap(truncation) >= 0 && mask.wrapShift(truncation) < ring;
    }

    private static List<Part> parts(OpeningMask mask, int truncation, int degree, int ring) {
        int n = mask.parts().get(OpeningMask.R).count();
        List<Part> parts = new ArrayList<>();
        for (int k = 2; k <= degree; k++) {
            parts.add(Part.dealt("rho^" + k, n, ring, 0));
        }
        if (wraps(mask, truncation, ring)) {
            for (int k = 2; k <= degree; k++) {
                parts.add(Part.dealt("delta" + k, n, ring, mask.wrapShift(truncation)));
            }
        }
        return parts;
    }

    /** Part index of rho^k (2 <= k <= degree). */
    public int power(int k) {
        return k - 2;
    }

    /** Part index of delta_k (2 <= k <= degree), or -1 when the wrap term vanishes in this ring. */
    public int delta(int k) {
        return wraps ? degree - 1 + k - 2 : -1;
    }

    @Override
    public int[] references() {
        return new int[] {source};
    }

    @Override
    public CorrelationKind kind() {
        return CorrelationKind.MASK_POWERS;
    }

    @Override
    public long elements() {
        return (long) n * (degree - 1);
    }

    @Override
    protected void deal(Values own, DealerMemory memory) {
        Values mask = memory.of(source);
        long[] rhoLo = mask.lo(rhoPart);
        long[] rhoHi = mask.hi(rhoPart);
        long[] mLo = wraps ? mask.lo(wrapPart) : null;
        long[] mHi = wraps ? mask.hi(wrapPart) : null;
        long[][] outLo = new long[degree + 1][];
        long[][] outHi = new long[degree + 1][];
        long[][] dLo = new long[degree + 1][];
        long[][] dHi = new long[degree + 1][];
        for (int k = 2; k <= degree; k++) {
            outLo[k] = own.lo(power(k));
            outHi[k] = own.hi(power(k));
            if (wraps) {
                dLo[k] = own.lo(delta(k));
                dHi[k] = own.hi(delta(k));
            }
        }
        for (int j = 0; j < n; j++) {
            long pLo = rhoLo[j];
            long pHi = rhoHi[j];
            // q = rho - M, the mask when the opening wrapped
            long qLo = wraps ? pLo - mLo[j] : 0;
            long qHi = wraps ? pHi - mHi[j] - (Long.compareUnsigned(pLo, mLo[j]) < 0 ? 1 : 0) : 0;
            long powLo = pLo;
            long powHi = pHi;
            long qpLo = qLo;
            long qpHi = qHi;
            // rho < 2^wire bits and q = rho - M > -2^wire bits are small: a 128-by-64-bit product suffices
            boolean small = pHi == 0 && pLo >= 0 && qHi == (qLo >> 63);
            for (int k = 2; k <= degree; k++) {
                long lo = powLo * pLo;
                powHi = small ? Math.multiplyHigh(powLo, pLo) + ((powLo >> 63) & pLo) + powHi * pLo
                        : Wide.mulHi(powLo, powHi, pLo, pHi);
                powLo = lo;
                outLo[k][j] = powLo;
                outHi[k][j] = powHi;
                if (wraps) {
                    long ql = qpLo * qLo;
                    qpHi = small ? Math.multiplyHigh(qpLo, qLo) + ((qpLo >> 63) & qLo) + qpHi * qLo
                            : Wide.mulHi(qpLo, qpHi, qLo, qHi);
                    qpLo = ql;
                    dLo[k][j] = qpLo - powLo;
                    dHi[k][j] = qpHi - powHi - (Long.compareUnsigned(qpLo, powLo) < 0 ? 1 : 0);
                }
            }
        }
    }
}
