package dev.sturdy.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The primitives every secure layer is made of, against exact integer arithmetic: the truncating
 * opening, the rewire into the linear ring, the product of two truncated wires and exact ReLU.
 * Their only inexactness is the carries {@link Openings#truncate} describes: a result is the floor
 * of the exact one plus e in [-(N - 1), 1] units, on the whole range the notes state.
 */
class OpeningsTest {
    private static final int RING = 46;
    private static final int SCALE = 38;

    /** n values uniform in [from, to), the first few at the edges of that range and around 0. */
    private static long[] values(int n, long from, long to, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] v = new long[n];
        long[] edges = {from, to - 1, 0, -1, 1, from + 1, to - 2};
        for (int i = 0; i < n; i++) {
            v[i] = i < edges.length ? edges[i] : r.nextLong(from, to);
        }
        return v;
    }

    /** The range a truncating opening of a value in Z_2^ring at {@code shift} serves (see {@link Openings#truncate}). */
    private static long[] truncationRange(int n, int ring, int shift, int parties, long seed) {
        long edge = 1L << (ring - 2);
        return values(n, -edge + ((long) (parties - 1) << shift), edge, seed);
    }

    private static long signed(long v, int ring) {
        return v << (64 - ring) >> (64 - ring);
    }

    @ParameterizedTest(name = "{0} parties")
    @ValueSource(ints = {2, 3})
    void aTruncatingOpeningIsTheFloorWithinTheCarries(int parties) {
        int n = 200_000;
        int bits = 20;
        int shift = SCALE - bits;
        long[] x = truncationRange(n, RING, shift, parties, 1);
        List<Shared> out = InMemoryProgram.run(parties, RING, SCALE, new long[][] {x},
                (s, in) -> Openings.truncate(s, in[0], bits, 64).toShared(s.first(), 64));
        double sum = 0;
        double expected = 0;
        for (int i = 0; i < n; i++) {
            long err = InMemoryProgram.reconstruct(out, i, 64).longValueExact() - Math.floorDiv(x[i], 1L << shift);
            assertTrue(err >= -(parties - 1) && err <= 1, "element " + i + ": off by " + err + " units");
            sum += err;
            // +1 with probability (x mod 2^shift) / 2^shift (the mask's low bits carry into the shift),
            // -(N - 1) / 2 on average (the parties' low bits, which the opening drops)
            expected += Math.floorMod(x[i], 1L << shift) / Math.scalb(1.0, shift) - (parties - 1) / 2.0;
        }
        assertEquals(expected / n, sum / n, 0.015, "mean error in units");
    }

    @ParameterizedTest(name = "{0} parties")
    @ValueSource(ints = {2, 3})
    void aNarrowOpeningReadsItsTopBitRightDespiteTheDroppedCarries(int parties) {
        // ring 24, shift 12: a 12-bit opening whose sum lacks the parties' carries crosses its top
        // bit for about (N - 1) 2^-13 of the elements (128 or 256 here); each crossing misreads the
        // wrap bit, and the wire must still come out right (the wrap of the opened bits makes up for it)
        int ring = 24;
        int scale = 16;
        int bits = 4;
        int shift = scale - bits;
        int n = 1 << 20;
        long[] x = truncationRange(n, ring, shift, parties, 2);
        List<Shared> out = InMemoryProgram.run(parties, ring, scale, new long[][] {x},
                (s, in) -> Openings.truncate(s, in[0], bits, ring).toShared(s.first(), ring));
        assertFloorWithinTheCarries(out, x, shift, ring, parties);
    }

    /** Every output is floor(x / 2^shift) + e mod 2^ring, e in [-(N - 1), 1]. */
    private static void assertFloorWithinTheCarries(List<Shared> out, long[] x, int shift, int ring, int parties) {
        for (int i = 0; i < x.length; i++) {
            long got = InMemoryProgram.reconstruct(out, i, ring).longValueExact();
            long err = signed(got - Math.floorDiv(x[i], 1L << shift), ring);
            assertTrue(err >= -(parties - 1) && err <= 1, "element " + i + ": off by " + err + " units");
        }
    }

    @ParameterizedTest(name = "{0} parties")
    @ValueSource(ints = {2, 3})
    void aRewireIsTheFloorWithinTheCarriesAndNeverWraps(int parties) {
        int ring = 20;
        int bits = 16;
        int shift = SCALE - bits;
        int n = 100_000;
        long[] x = values(n, -(1L << (ring - 1 + shift)), 1L << (ring - 1 + shift), 3);
        List<Shared> out = InMemoryProgram.run(parties, RING, SCALE, new long[][] {x},
                (s, in) -> Openings.rewire(s, in[0], ring, bits).toShared(s.first()));
        assertFloorWithinTheCarries(out, x, shift, ring, parties);
    }

    @ParameterizedTest(name = "{0} parties")
    @ValueSource(ints = {2, 3})
    void theProductOfTwoWiresIsExact(int parties) {
        int n = 50_000;
        int bits = 20;
        long[] x = truncationRange(n, RING, SCALE - bits, parties, 4);
        long[] y = truncationRange(n, RING, SCALE - bits, parties, 5);
        long plus = 1L << 19;
        List<Shared[]> out = InMemoryProgram.run(parties, RING, SCALE, new long[][] {x, y}, (s, in) -> {
            Round round = new Round(s);
            Openings.Truncation a = Openings.truncation(s, round, in[0], new int[] {bits}, new int[] {100});
            Openings.Truncation b = Openings.truncation(s, round, in[1], new int[] {bits}, new int[] {100});
            round.run();
            TruncatedWire u = a.wires()[0];
            TruncatedWire v = b.wires()[0];
            return new Shared[] {u.toShared(s.first(), 64), v.toShared(s.first(), 64), WireProduct.times(s, u, plus, v, 100)};
        });
        List<Shared> us = out.stream().map(o -> o[0]).toList();
        List<Shared> vs = out.stream().map(o -> o[1]).toList();
        List<Shared> products = out.stream().map(o -> o[2]).toList();
        BigInteger modulus = BigInteger.ONE.shiftLeft(100);
        for (int i = 0; i < n; i++) {
            BigInteger u = InMemoryProgram.reconstruct(us, i, 64);
            BigInteger v = InMemoryProgram.reconstruct(vs, i, 64);
            BigInteger want = u.multiply(v.add(BigInteger.valueOf(plus))).mod(modulus);
            assertEquals(want, InMemoryProgram.reconstruct(products, i, 100).mod(modulus), "element " + i);
        }
    }

    @ParameterizedTest(name = "{0} parties")
    @ValueSource(ints = {2, 3})
    void exactReluIsTheTruncatedMaxWithZero(int parties) {
        int bits = 22;
        int shift = SCALE - bits;
        int n = 100_000;
        // the comparison errs within N units of the range's edges as it does around 0
        long edge = (1L << (RING - 2)) - ((long) parties << shift);
        long[] x = values(n, -edge, edge, 6);
        for (int i = 7; i < 1000; i++) {
            x[i] = i - 500; // around zero, where only the bits above the shift decide
        }
        List<Shared> out = InMemoryProgram.run(parties, RING, SCALE, new long[][] {x}, (s, in) -> ExactRelu.relu(s, in[0], bits));
        for (int i = 0; i < n; i++) {
            long got = InMemoryProgram.reconstruct(out, i, RING).longValueExact();
            if (x[i] < -((long) parties << shift)) {
                assertEquals(0, got, "element " + i + " is negative");
            } else {
                long err = got - Math.floorDiv(Math.max(0, x[i]), 1L << shift);
                assertTrue(err >= -(parties - 1) && err <= 1, "element " + i + ": off by " + err + " units");
            }
        }
    }
}
