package dev.sturdy.protocol.correlation;

import java.util.List;

/**
 * One request for correlated randomness, and the class that knows everything about its kind: the
 * parts it consists of, what the dealer computes ({@link #deal}), and (in subclasses) named
 * accessors for a party's shares. Requests are pure descriptions (sizes, parameters and the ids of
 * earlier requests whose values the dealer reads), so the dealer can serve a plan derived from the
 * model's structure alone; the parties and the dealer walk the same sequence, and the receiving
 * party checks every correction message's tag against its own request.
 */
public abstract class Correlation {
    private final List<Part> parts;

    protected Correlation(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    public final List<Part> parts() {
        return parts;
    }

    /** Ids (positions in the query's sequence) of earlier requests whose values {@link #deal} reads. */
    public int[] references() {
        return new int[0];
    }

    /** For cost reports: the kind and how many elements one request counts. */
    public abstract CorrelationKind kind();

    public abstract long elements();

    /**
     * The dealer's work: fill the DEALT parts of {@code own} (whose RANDOM parts are filled) from the
     * RANDOM parts and from the values of the referenced requests.
     */
    protected abstract void deal(Values own, DealerMemory memory);

    /** Bits of this request's correction (what its receiving party gets from the dealer). */
    public final long correctionBits() {
        long bits = 0;
        for (Part p : parts) {
            if (p.dealt()) {
                bits += (long) p.count() * p.correctionBits();
            }
        }
        return bits;
    }

    /** A label of kind, parts and references that the correction message carries. */
    public final long tag() {
        long h = 0xC0AA_0000_0000_0000L ^ (kind().ordinal() + 1L);
        for (Part p : parts) {
            for (long v : new long[] {p.count(), p.ring(), p.zeroLow(), p.xor() ? 1 : 0, p.dealt() ? 1 : 0}) {
                h = (h ^ v) * 0x100000001B3L;
                h ^= h >>> 29;
            }
        }
        for (int r : references()) {
            h = (h ^ r) * 0x100000001B3L;
        }
        return h;
    }

    @Override
    public String toString() {
        return kind().name() + parts.stream().map(p -> p.name() + "[" + p.count() + "]").toList();
    }
}
