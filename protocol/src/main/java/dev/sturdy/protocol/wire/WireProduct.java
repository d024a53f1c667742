package dev.sturdy.protocol.wire;

import dev.sturdy.protocol.correlation.MaskProduct;
import dev.sturdy.protocol.correlation.Values;
import dev.sturdy.protocol.ring.Wide;

/**
 * The product of two truncated wires without a round, U (c + S) for a public constant c (AppReLU's
 * u (1 + sign) with c = 2^signBits, or a plain product with c = 0). With U = P - Lambda_u and
 * c + S = Q - Lambda_s (P, Q public): P Q - P Lambda_s - Q Lambda_u + Lambda_u Lambda_s, the last
 * term from the dealer ({@link MaskProduct}).
 */
public final class WireProduct {
    private WireProduct() {
    }

    /** Shares of U (c + S) in Z_2^ring, scale u.bits + s.bits, for c = {@code plus} units of S. */
    public static Shared times(Session s, TruncatedWire u, long plus, TruncatedWire sign, int ring) {
        int n = u.size();
        MaskProduct mp = new MaskProduct(u.id(), u.mask(), u.truncation(), sign.id(), sign.mask(), sign.truncation(), ring);
        Values v = s.take(mp);
        boolean first = s.first();
        long[] outLo = new long[n];
        long[] outHi = new long[n];
        int rr = mp.index(MaskProduct.RHO_RHO);
        int rw = mp.index(MaskProduct.RHO_WRAP);
        int wr = mp.index(MaskProduct.WRAP_RHO);
        int ww = mp.index(MaskProduct.WRAP_WRAP);
        long[] rrLo = v.lo(rr);
        long[] rrHi = v.hi(rr);
        long[] rwLo = rw >= 0 ? v.lo(rw) : null;
        long[] rwHi = rw >= 0 ? v.hi(rw) : null;
        long[] wrLo = wr >= 0 ? v.lo(wr) : null;
        long[] wrHi = wr >= 0 ? v.hi(wr) : null;
        long[] wwLo = ww >= 0 ? v.lo(ww) : null;
        long[] wwHi = ww >= 0 ? v.hi(ww) : null;
        for (int j = 0; j < n; j++) {
            long p = u.pub()[j];
            long q = plus + sign.pub()[j];
            boolean tu = u.wrapped()[j] != 0;
            boolean ts = sign.wrapped()[j] != 0;
            // acc = Lambda_u Lambda_s = rr - ts rw - tu wr + tu ts ww
            long accLo = rrLo[j];
            long accHi = rrHi[j];
            if (ts && rwLo != null) {
                long l = accLo - rwLo[j];
                accHi = accHi - rwHi[j] - (Long.compareUnsigned(accLo, rwLo[j]) < 0 ? 1 : 0);
                accLo = l;
            }
            if (tu && wrLo != null) {
                long l = accLo - wrLo[j];
                accHi = accHi - wrHi[j] - (Long.compareUnsigned(accLo, wrLo[j]) < 0 ? 1 : 0);
                accLo = l;
            }
            if (tu && ts && wwLo != null) {
                long l = accLo + wwLo[j];
                accHi += wwHi[j] + Wide.carry(accLo, l);
                accLo = l;
            }
            // - P Lambda_s - Q Lambda_u, Lambda = rho - t M
            long lsLo = sign.rhoLo()[j];
            long lsHi = sign.rhoHi()[j];
            if (ts && sign.hasWrap()) {
                long l = lsLo - sign.wrapLo()[j];
                lsHi = lsHi - sign.wrapHi()[j] - (Long.compareUnsigned(lsLo, sign.wrapLo()[j]) < 0 ? 1 : 0);
                lsLo = l;
            }
            long luLo = u.rhoLo()[j];
            long luHi = u.rhoHi()[j];
            if (tu && u.hasWrap()) {
                long l = luLo - u.wrapLo()[j];
                luHi = luHi - u.wrapHi()[j] - (Long.compareUnsigned(luLo, u.wrapLo()[j]) < 0 ? 1 : 0);
                luLo = l;
            }
            long t1Lo = lsLo * p;
            long t1Hi = Math.multiplyHigh(lsLo, p) + ((lsLo >> 63) & p) + lsHi * p;
            long t2Lo = luLo * q;
            long t2Hi = Math.multiplyHigh(luLo, q) + ((luLo >> 63) & q) + luHi * q;
            long l = accLo - t1Lo;
            accHi = accHi - t1Hi - (Long.compareUnsigned(accLo, t1Lo) < 0 ? 1 : 0);
            accLo = l;
            l = accLo - t2Lo;
            accHi = accHi - t2Hi - (Long.compareUnsigned(accLo, t2Lo) < 0 ? 1 : 0);
            accLo = l;
            if (first) {
                l = accLo + p * q;
                accHi += Math.multiplyHigh(p, q) + Wide.carry(accLo, l);
                accLo = l;
            }
            outLo[j] = accLo;
            outHi[j] = accHi;
        }
        return new Shared(outLo, outHi, ring, u.bits() + sign.bits(), n);
    }
}
