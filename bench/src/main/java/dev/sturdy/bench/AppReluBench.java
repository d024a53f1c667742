package dev.sturdy.bench;

import dev.sturdy.model.approx.SignPolynomials;
import dev.sturdy.protocol.ops.SecureAppRelu;
import dev.sturdy.protocol.ops.TruncationMode;
import dev.sturdy.protocol.ring.FixedPoint;
import dev.sturdy.protocol.ring.RingTensor;
import java.security.SecureRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * AppReLU at precision 2^-B on 100,000 secret values spread over [-bound, bound], 2 in-memory
 * parties and the dealer. Polynomial truncation: DEALER (exact; f = 20 for B &lt;= 10, 24 above, as
 * the agreement runs use) or LOCAL (2-party SecureML at f = 16, the fast option for B &lt;= 10).
 * ":elements" is activations per second.
 */
public class AppReluBench extends ShortRun {
    private static final double BOUND = 25;
    private static final int N = 100_000;

    @State(Scope.Benchmark)
    public static class DealerTruncation {
        @Param({"6", "9", "12", "14"})
        public int beta;

        InMemoryMpc mpc;

        @Setup
        public void setup() {
            mpc = appRelu(beta, beta <= 10 ? 20 : 24, TruncationMode.DEALER);
        }
    }

    @State(Scope.Benchmark)
    public static class LocalTruncation {
        @Param({"6", "9"})
        public int beta;

        InMemoryMpc mpc;

        @Setup
        public void setup() {
            mpc = appRelu(beta, 16, TruncationMode.LOCAL);
        }
    }

    static InMemoryMpc appRelu(int beta, int f, TruncationMode polynomialTruncation) {
        SecureRandom rnd = new SecureRandom();
        double[] z = new double[N];
        for (int i = 0; i < N; i++) {
            z[i] = (2 * rnd.nextDouble() - 1) * BOUND;
        }
        RingTensor[] shares = InMemoryMpc.share(new FixedPoint(f).encode(z), 2);
        SecureAppRelu relu = new SecureAppRelu(SignPolynomials.forBeta(beta), BOUND);
        return new InMemoryMpc(2, f, polynomialTruncation,
                ops -> relu.apply(ops, shares[ops.session().id()], polynomialTruncation));
    }

    @Benchmark
    public RingTensor dealerTruncation(DealerTruncation s, Elements work) {
        work.elements += N;
        return s.mpc.run();
    }

    @Benchmark
    public RingTensor localTruncation(LocalTruncation s, Elements work) {
        work.elements += N;
        return s.mpc.run();
    }
}
