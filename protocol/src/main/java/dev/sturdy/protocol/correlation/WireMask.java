package dev.sturdy.protocol.correlation;

import java.util.List;

/** A uniform mask mod 2^ring for a wire opened without truncation (the client's input, exact ReLU's output). */
public final class WireMask extends Correlation {
    public static final int MASK = 0;
    private final int n;

    public WireMask(int n, int ring) {
        super(List.of(Part.random("mask", n, ring)));
        this.n = n;
    }

    @Override
    public CorrelationKind kind() {
        return CorrelationKind.WIRE_MASK;
    }

    @Override
    public long elements() {
        return n;
    }

    @Override
    protected void deal(Values own, DealerMemory memory) {
        // nothing dealt: the mask is the sum of the parties' PRG output
    }
}
