package dev.sturdy.protocol.ops;

/** How secret fixed-point values are truncated by f bits after a product. */
public enum TruncationMode {
    /**
     * SecureML local truncation, 2 parties only, no communication: party 0 outputs x0 >> f,
     * party 1 outputs -((-x1) >> f). For |x| &lt; 2^lx the result is floor(x / 2^f) or one more
     * except with probability about 2^(lx + 1 - 64) per element, when it is off by about 2^(64-f):
     * the value range and f together bound the failure rate (lx = f + log2 of the largest
     * product magnitude in fixed point, i.e. 2f + log2 max |real value|).
     */
    LOCAL,
    /**
     * Dealer-assisted truncation, any N, one round and a truncation triple (r, r >>> f, msb(r)):
     * open y = x + 2^62 + r, then floor(x / 2^f) = (y >>> f) - (r >>> f) + msb(r)(1 - msb(y)) 2^(64-f)
     * - 2^(62-f), up to a carry of +1 ulp. Exact wrap-around handling: never fails for |x| &lt; 2^62.
     */
    DEALER;

    public static TruncationMode defaultFor(int parties) {
        return parties == 2 ? LOCAL : DEALER;
    }
}
