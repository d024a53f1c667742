package dev.sturdy.protocol.dealer;

/** Kinds of correlated randomness the dealer supplies. */
public enum CorrelationKind {
    /** Elementwise Beaver triple (a, b, c = a*b). */
    TRIPLE,
    /** Square pair (a, c = a^2). */
    SQUARE,
    /** Matrix triple (A[m x k], B[k x n], C = A.B). */
    MATMUL,
    /** Convolution triple (A weight mask, B input mask, C = conv(A, B)). */
    CONV,
    /** Truncation triple (r, r >>> f, msb(r)) for dealer-assisted truncation. */
    TRUNC
}
