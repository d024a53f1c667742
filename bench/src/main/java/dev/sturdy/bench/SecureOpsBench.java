package dev.sturdy.bench;

import dev.sturdy.protocol.wire.ExactRelu;
import dev.sturdy.protocol.wire.Openings;
import dev.sturdy.protocol.wire.Round;
import dev.sturdy.protocol.wire.Shared;
import dev.sturdy.protocol.wire.TruncatedWire;
import dev.sturdy.protocol.wire.WireProduct;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Secure primitives on N in-memory parties with the dealer running concurrently: a truncating
 * opening (one round: a 46-bit value at 38 fractional bits to a wire of 16 bits), the product of
 * two secret vectors (both opened as wires in one round, multiplied locally with the dealer's mask
 * product, the result truncated in a second opening), and exact ReLU by comparison (46-bit ring,
 * truncated by 16 bits on the way). One operation is one whole secure call on {@code n} elements;
 * ":elements" is secret elements per second.
 */
public class SecureOpsBench extends ShortRun {
    private static final int RING = 46;
    private static final int SCALE = 38;
    private static final int BITS = 22;

    @State(Scope.Benchmark)
    public static class Opening {
        @Param({"2", "3"})
        public int parties;

        @Param({"1000000"})
        public int n;

        InMemoryMpc mpc;

        @Setup
        public void setup() {
            long[][] x = InMemoryMpc.share(InMemoryMpc.uniform(n, SCALE), parties);
            mpc = new InMemoryMpc(parties, s -> Openings.truncate(s, new Shared(x[s.id()], null, RING, SCALE, n), BITS, 64));
        }
    }

    @State(Scope.Benchmark)
    public static class Mul {
        @Param({"2", "3"})
        public int parties;

        @Param({"1000000"})
        public int n;

        InMemoryMpc mpc;

        @Setup
        public void setup() {
            long[][] x = InMemoryMpc.share(InMemoryMpc.uniform(n, 20), parties);
            long[][] y = InMemoryMpc.share(InMemoryMpc.uniform(n, 20), parties);
            mpc = new InMemoryMpc(parties, s -> {
                int[] bits = {16};
                int[] rings = {64};
                Round round = new Round(s);
                Openings.Truncation ox = Openings.truncation(s, round, new Shared(x[s.id()], null, 64, 16, n), bits, rings);
                Openings.Truncation oy = Openings.truncation(s, round, new Shared(y[s.id()], null, 64, 16, n), bits, rings);
                round.run();
                TruncatedWire u = ox.wires()[0];
                TruncatedWire v = oy.wires()[0];
                return Openings.truncate(s, WireProduct.times(s, u, 0, v, 64), 16, 64);
            });
        }
    }

    @State(Scope.Benchmark)
    public static class Relu {
        @Param({"2", "3"})
        public int parties;

        @Param({"100000"})
        public int n;

        InMemoryMpc mpc;

        @Setup
        public void setup() {
            long[][] x = InMemoryMpc.share(InMemoryMpc.uniform(n, SCALE), parties);
            mpc = new InMemoryMpc(parties, s -> ExactRelu.relu(s, new Shared(x[s.id()], null, RING, SCALE, n), BITS));
        }
    }

    @Benchmark
    public Object truncatingOpening(Opening s, Elements work) {
        work.elements += s.n;
        return s.mpc.run();
    }

    @Benchmark
    public Object wireProduct(Mul s, Elements work) {
        work.elements += s.n;
        return s.mpc.run();
    }

    @Benchmark
    public Object exactRelu(Relu s, Elements work) {
        work.elements += s.n;
        return s.mpc.run();
    }
}
