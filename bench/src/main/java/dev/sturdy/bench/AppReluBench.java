package dev.sturdy.bench;

import dev.sturdy.model.approx.ActivationPlan;
import dev.sturdy.model.approx.SignPolynomials;
import dev.sturdy.model.fixed.FixedPointPolicy;
import dev.sturdy.protocol.wire.PannActivation;
import dev.sturdy.protocol.wire.Shared;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * AppReLU at precision 2^-B on 100,000 secret inputs u in [-1, 1], shared as a layer's raw output
 * would be (a 46-bit ring, 38 fractional bits), 2 in-memory parties and the dealer: the chain's
 * openings, the local polynomials and product, and the dealer's mask powers. ":elements" is
 * activations per second.
 */
public class AppReluBench extends ShortRun {
    private static final int N = 100_000;
    private static final int RING = 46;
    private static final int SCALE = 38;

    @State(Scope.Benchmark)
    public static class Chain {
        @Param({"6", "8", "9", "12", "14"})
        public int beta;

        InMemoryMpc mpc;

        @Setup
        public void setup() {
            long[][] shares = InMemoryMpc.share(InMemoryMpc.uniform(N, SCALE), 2);
            PannActivation chain = new PannActivation(ActivationPlan.of(SignPolynomials.forBeta(beta), FixedPointPolicy.DEFAULT));
            int out = chain.plan().outputScale() + 24;
            mpc = new InMemoryMpc(2, s -> chain.apply(s, new Shared(shares[s.id()], null, RING, SCALE, N), out));
        }
    }

    @Benchmark
    public Object appRelu(Chain s, Elements work) {
        work.elements += N;
        return s.mpc.run();
    }
}
