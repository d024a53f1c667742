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
    TRUNC,
    /** Random r with XOR shares of its bits 0..62 as bit planes (edaBit) for secure comparison. */
    EDABIT,
    /** Boolean AND pair with a shared left operand on bit-packed words: (a, b, c, a&amp;b, a&amp;c), XOR shared. */
    BIT_AND,
    /** Bit injection with a multiplication mask: XOR-shared bit plane rho, arithmetic a, rho and a*rho. */
    BIT_INJECT
}
