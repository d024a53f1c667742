package dev.sturdy.protocol.dealer;

/**
 * One party's shares of one correlation, arrays in the order of
 * {@link CorrelationRequest#arraySizes()}: TRIPLE/MATMUL/CONV (a, b, c), SQUARE (a, c),
 * TRUNC (r, r >>> f, msb(r) 2^(64-f)).
 */
public record CorrelatedShares(CorrelationRequest request, long[][] arrays) {
    public long[] a() {
        return arrays[0];
    }

    public long[] b() {
        if (arrays.length < 3 || request.kind() == CorrelationKind.TRUNC) {
            throw new IllegalStateException(request.kind() + " has no b");
        }
        return arrays[1];
    }

    /** The correlated value's share: a*b, a^2, A.B or conv(A, B). */
    public long[] c() {
        if (request.kind() == CorrelationKind.TRUNC) {
            throw new IllegalStateException("TRUNC has no c");
        }
        return arrays[arrays.length - 1];
    }

    /** TRUNC: share of r. */
    public long[] r() {
        return requireTrunc()[0];
    }

    /** TRUNC: share of r >>> f (logical shift of r as an unsigned 64-bit value). */
    public long[] rShifted() {
        return requireTrunc()[1];
    }

    /** TRUNC: share of msb(r) 2^(64-f), the top bit of r moved to the position the truncation needs. */
    public long[] rMsbShifted() {
        return requireTrunc()[2];
    }

    private long[][] requireTrunc() {
        if (request.kind() != CorrelationKind.TRUNC) {
            throw new IllegalStateException(request.kind() + " is not a truncation triple");
        }
        return arrays;
    }

    @Override
    public String toString() {
        return "CorrelatedShares[" + request + "]";
    }
}
