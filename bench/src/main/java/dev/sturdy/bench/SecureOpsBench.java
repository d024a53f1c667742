package dev.sturdy.bench;

import dev.sturdy.protocol.ops.ExactRelu;
import dev.sturdy.protocol.ops.TruncationMode;
import dev.sturdy.protocol.ring.RingTensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Secure primitives on N in-memory parties with the dealer running concurrently (f = 16):
 * Beaver multiplication (ring product, one round), truncation by f (LOCAL: no communication,
 * 2 parties; DEALER: one round), exact ReLU by edaBit comparison (8 rounds). One operation is one
 * whole secure call on {@code n} elements; ":elements" is secret elements per second.
 */
public class SecureOpsBench extends ShortRun {
    private static final int F = 16;

    /** Beaver product of two secret vectors. */
    @State(Scope.Benchmark)
    public static class Mul {
        @Param({"2", "3"})
        public int parties;

        @Param({"1000000"})
        public int n;

        InMemoryMpc mpc;

        @Setup
        public void setup() {
            RingTensor[] x = InMemoryMpc.share(InMemoryMpc.uniform(n, 40), parties);
            RingTensor[] y = InMemoryMpc.share(InMemoryMpc.uniform(n, 40), parties);
            mpc = new InMemoryMpc(parties, F, TruncationMode.DEALER, ops -> ops.mul(x[ops.session().id()],
                    y[ops.session().id()]));
        }
    }

    /** Truncation by f of products at 2f bits (|x| &lt; 2^40), 2 parties. */
    @State(Scope.Benchmark)
    public static class Truncation {
        @Param({"LOCAL", "DEALER"})
        public TruncationMode mode;

        @Param({"1000000"})
        public int n;

        InMemoryMpc mpc;

        @Setup
        public void setup() {
            RingTensor[] x = InMemoryMpc.share(InMemoryMpc.uniform(n, 40), 2);
            mpc = new InMemoryMpc(2, F, mode, ops -> ops.truncate(x[ops.session().id()]));
        }
    }

    /** Exact ReLU of secret values |x| &lt; 2^40. */
    @State(Scope.Benchmark)
    public static class Relu {
        @Param({"2", "3"})
        public int parties;

        @Param({"100000"})
        public int n;

        InMemoryMpc mpc;

        @Setup
        public void setup() {
            RingTensor[] x = InMemoryMpc.share(InMemoryMpc.uniform(n, 40), parties);
            mpc = new InMemoryMpc(parties, F, TruncationMode.DEALER, ops -> ExactRelu.relu(ops, x[ops.session().id()]));
        }
    }

    @Benchmark
    public RingTensor beaverMul(Mul s, Elements work) {
        work.elements += s.n;
        return s.mpc.run();
    }

    @Benchmark
    public RingTensor truncate(Truncation s, Elements work) {
        work.elements += s.n;
        return s.mpc.run();
    }

    @Benchmark
    public RingTensor exactRelu(Relu s, Elements work) {
        work.elements += s.n;
        return s.mpc.run();
    }
}
