package dev.sturdy.protocol.correlation;

import java.util.List;

/** Two boolean AND triples with a shared left operand on bit-packed words: a, b, c and a&amp;b, a&amp;c, XOR shared. */
public final class BitAnd extends Correlation {
    public static final int A = 0;
    public static final int B = 1;
    public static final int C = 2;
    public static final int AB = 3;
    public static final int AC = 4;
    private final int words;

    public BitAnd(int words) {
        super(List.of(Part.randomBits("a", words), Part.randomBits("b", words), Part.randomBits("c", words),
                Part.dealtBits("ab", words), Part.dealtBits("ac", words)));
        this.words = words;
    }

    @Override
    public CorrelationKind kind() {
        return CorrelationKind.BIT_AND;
    }

    /** AND gates: two per bit. */
    @Override
    public long elements() {
        return 128L * words;
    }

    @Override
    protected void deal(Values own, DealerMemory memory) {
        long[] a = own.lo(A);
        long[] b = own.lo(B);
        long[] c = own.lo(C);
        long[] ab = own.lo(AB);
        long[] ac = own.lo(AC);
        for (int j = 0; j < words; j++) {
            ab[j] = a[j] & b[j];
            ac[j] = a[j] & c[j];
        }
    }
}
