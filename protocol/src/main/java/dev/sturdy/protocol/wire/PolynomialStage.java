package dev.sturdy.protocol.wire;

import dev.sturdy.model.approx.ActivationPlan;
import dev.sturdy.protocol.correlation.MaskPowers;
import dev.sturdy.protocol.correlation.Values;
import dev.sturdy.protocol.ring.Wide;
import java.math.BigInteger;

/**
 * One component of the composite sign on a truncated wire, with no round: for U = pub - Lambda,
 * sum_k C_k U^k = sum_i beta_i(pub) Lambda^i with beta_i(p) = (-1)^i sum_k C_k binom(k, i) p^(k-i)
 * public, and Lambda^i = rho^i + t delta_i from the dealer ({@link MaskPowers}; Lambda = rho - t M
 * for i = 1). Everything is exact in Z_2^128; the value needs the stage's ring.
 */
public final class PolynomialStage {
    private final ActivationPlan.Stage stage;
    /**
     * d[i][j]: (-1)^i C_(i+m) binom(i+m, i) as (lo, hi) for m = 2j + (i + 1) mod 2, the only m with
     * C_(i+m) not zero (p is odd): beta_i(p) = p^((i+1) mod 2) sum_j d[i][j] (p^2)^j.
     */
    private final long[][] dLo;
    private final long[][] dHi;

    public PolynomialStage(ActivationPlan.Stage stage) {
        this.stage = stage;
        int deg = stage.degree();
        dLo = new long[deg + 1][];
        dHi = new long[deg + 1][];
        for (int i = 0; i <= deg; i++) {
            int first = (i + 1) % 2;
            int terms = (deg - i - first) / 2 + 1;
            dLo[i] = new long[terms];
            dHi[i] = new long[terms];
            for (int j = 0; j < terms; j++) {
                int m = 2 * j + first;
                BigInteger v = stage.coefficients()[i + m].multiply(binomial(i + m, i));
                if (i % 2 == 1) {
                    v = v.negate();
                }
                dLo[i][j] = v.longValue();
                dHi[i][j] = v.shiftRight(64).longValue();
            }
        }
    }

    private static BigInteger binomial(int n, int k) {
        BigInteger b = BigInteger.ONE;
        for (int j = 1; j <= k; j++) {
            b = b.multiply(BigInteger.valueOf(n - k + j)).divide(BigInteger.valueOf(j));
        }
        return b;
    }

    public ActivationPlan.Stage stage() {
        return stage;
    }

    /** Takes the mask powers and returns this party's shares of P = sum_k C_k U^k (ring and scale of the stage). */
    public Shared evaluate(Session s, TruncatedWire u) {
        int deg = stage.degree();
        int n = u.size();
        MaskPowers powers = new MaskPowers(u.id(), u.mask(), u.truncation(), deg, stage.ring());
        Values pw = s.take(powers);
        // this party's shares of Lambda^i = rho^i + t delta_i (Lambda = rho - t M for i = 1), by power
        long[][] rhoLo = new long[deg + 1][];
        long[][] rhoHi = new long[deg + 1][];
        long[][] deltaLo = new long[deg + 1][];
        long[][] deltaHi = new long[deg + 1][];
        rhoLo[1] = u.rhoLo();
        rhoHi[1] = u.rhoHi();
        for (int i = 2; i <= deg; i++) {
            rhoLo[i] = pw.lo(powers.power(i));
            rhoHi[i] = pw.hi(powers.power(i));
            int d = powers.delta(i);
            deltaLo[i] = d >= 0 ? pw.lo(d) : null;
            deltaHi[i] = d >= 0 ? pw.hi(d) : null;
        }
        long[] pub = u.pub();
        long[] wrapped = u.wrapped();
        long[] mLo = u.wrapLo();
        long[] mHi = u.wrapHi();
        long[] outLo = new long[n];
        long[] outHi = new long[n];
        int from = s.first() ? 0 : 1;
        for (int j = 0; j < n; j++) {
            long p = pub[j];
            long p2 = p * p; // |p| < 2^31: the wire's value fits in 62 bits squared
            boolean t = wrapped[j] != 0;
            long accLo = 0;
            long accHi = 0;
            for (int i = from; i <= deg; i++) {
                // beta_i(p) by Horner in p^2 over its nonzero terms, times p for even i
                long[] cLo = dLo[i];
                long[] cHi = dHi[i];
                long bLo = cLo[cLo.length - 1];
                long bHi = cHi[cHi.length - 1];
                for (int m = cLo.length - 2; m >= 0; m--) {
                    long lo = bLo * p2;
                    long hi = Math.multiplyHigh(bLo, p2) + ((bLo >> 63) & p2) + bHi * p2;
                    long sum = lo + cLo[m];
                    bHi = hi + cHi[m] + Wide.carry(lo, sum);
                    bLo = sum;
                }
                if ((i & 1) == 0) {
                    long lo = bLo * p;
                    bHi = Math.multiplyHigh(bLo, p) + ((bLo >> 63) & p) + bHi * p;
                    bLo = lo;
                }
                if (i == 0) {
                    long sum = accLo + bLo;
                    accHi += bHi + Wide.carry(accLo, sum);
                    accLo = sum;
                    continue;
                }
                long lLo = rhoLo[i][j];
                long lHi = rhoHi[i][j];
                if (t) {
                    if (i == 1) {
                        if (mLo != null) {
                            long l = lLo - mLo[j];
                            lHi = lHi - mHi[j] - (Long.compareUnsigned(lLo, mLo[j]) < 0 ? 1 : 0);
                            lLo = l;
                        }
                    } else if (deltaLo[i] != null) {
                        long l = lLo + deltaLo[i][j];
                        lHi += deltaHi[i][j] + Wide.carry(lLo, l);
                        lLo = l;
                    }
                }
                long lo = bLo * lLo;
                long hi = Wide.mulHi(bLo, bHi, lLo, lHi);
                long sum = accLo + lo;
                accHi += hi + Wide.carry(accLo, sum);
                accLo = sum;
            }
            outLo[j] = accLo;
            outHi[j] = accHi;
        }
        return new Shared(outLo, outHi, stage.ring(), stage.scale(), n);
    }
}
