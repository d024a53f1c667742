package dev.sturdy.protocol.wire;

import dev.sturdy.protocol.correlation.Correlation;
import dev.sturdy.protocol.correlation.Dealer;
import dev.sturdy.protocol.correlation.PartyCorrelations;
import dev.sturdy.protocol.eval.CorrelationPlanner;
import dev.sturdy.protocol.net.LocalParties;
import dev.sturdy.protocol.net.Network;
import dev.sturdy.protocol.prg.Prg;
import dev.sturdy.protocol.prg.Seed;
import dev.sturdy.protocol.prg.Seeds;
import dev.sturdy.protocol.sharing.AdditiveSharing;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Runs a secure program on N party threads and a dealer thread over the in-memory network: each
 * input (values in Z_2^ring with {@code scale} fractional bits) is split into additive shares, the
 * dealer serves the plan from a dry run on zeros, and every party's result is returned in order.
 */
final class InMemoryProgram {
    /** A secure program on this party's shares of the inputs. */
    @FunctionalInterface
    interface Program<T> {
        T run(Session s, Shared[] inputs);
    }

    private InMemoryProgram() {
    }

    static <T> List<T> run(int parties, int ring, int scale, long[][] inputs, Program<T> program) {
        return run(parties, ring, scale, inputs, program, UnaryOperator.identity());
    }

    /** As {@link #run(int, int, int, long[][], Program)}, each party's endpoint wrapped by {@code wrap}. */
    static <T> List<T> run(int parties, int ring, int scale, long[][] inputs, Program<T> program, UnaryOperator<Network> wrap) {
        SecureRandom rnd = new SecureRandom();
        long[][][] shares = new long[inputs.length][][];
        Shared[] zeros = new Shared[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
            shares[k] = AdditiveSharing.split(inputs[k], parties, new Prg(Seed.random(rnd)));
            zeros[k] = new Shared(new long[inputs[k].length], null, ring, scale, inputs[k].length);
        }
        List<Correlation> plan = CorrelationPlanner.plan(parties, s -> program.run(s, zeros));
        Seeds[] seeds = Seeds.local(parties, rnd);
        return LocalParties.run(parties, Duration.ofMinutes(2), endpoint -> {
            Network net = wrap.apply(endpoint);
            Session s = new Session(net, parties, new PartyCorrelations(net, seeds[net.id()].dealerSeed()));
            s.beginQuery(1);
            Shared[] mine = new Shared[inputs.length];
            for (int k = 0; k < inputs.length; k++) {
                mine[k] = new Shared(shares[k][net.id()], null, ring, scale, inputs[k].length);
            }
            return program.run(s, mine);
        }, net -> {
            net.beginQuery(1);
            new Dealer(net, seeds[parties], Dealer.WeightMasks.NONE).serve(plan);
        });
    }

    /** The value at {@code i} of the shares, signed, modulo 2^ring (shares narrow or wide). */
    static BigInteger reconstruct(List<Shared> shares, int i, int ring) {
        BigInteger sum = BigInteger.ZERO;
        for (Shared sh : shares) {
            BigInteger v = new BigInteger(Long.toUnsignedString(sh.lo()[i]));
            if (sh.wide()) {
                v = v.add(new BigInteger(Long.toUnsignedString(sh.hi()[i])).shiftLeft(64));
            }
            sum = sum.add(v);
        }
        BigInteger modulus = BigInteger.ONE.shiftLeft(ring);
        sum = sum.mod(modulus);
        return sum.testBit(ring - 1) ? sum.subtract(modulus) : sum;
    }
}
