package dev.sturdy.protocol.eval;

import dev.sturdy.model.Model;
import dev.sturdy.model.approx.SignPolynomials;
import dev.sturdy.model.eval.ActivationMode;
import dev.sturdy.model.eval.PlainEvaluator;
import dev.sturdy.model.fixed.FixedPointPolicy;
import dev.sturdy.model.lower.LoweredGraph;
import dev.sturdy.protocol.correlation.Correlation;
import dev.sturdy.protocol.correlation.Dealer;
import dev.sturdy.protocol.correlation.PartyCorrelations;
import dev.sturdy.protocol.correlation.PreparedQuery;
import dev.sturdy.protocol.correlation.Values;
import dev.sturdy.protocol.cost.CostReport;
import dev.sturdy.protocol.net.LocalParties;
import dev.sturdy.protocol.prg.Prg;
import dev.sturdy.protocol.prg.Seed;
import dev.sturdy.protocol.prg.Seeds;
import dev.sturdy.protocol.ring.FixedPoint;
import dev.sturdy.protocol.ring.RingTensor;
import dev.sturdy.protocol.sharing.AdditiveSharing;
import dev.sturdy.protocol.wire.Session;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

/**
 * Test and benchmark harness: a model owner splits the weights, a client normalises, encodes and
 * shares a batch, N party threads evaluate, the dealer serves the plan made from the structure
 * only, and the client reconstructs the logits.
 */
public final class SecureRun {
    /** Decoded logits [batch x classes], party 0's cost report, the dealer's bytes sent, the model owner's split. */
    public record Result(double[] logits, CostReport party0, long dealerBytes, double seconds, ModelShares.Split split) {
    }

    /** Sees every correlation a compute party takes, with that party's values of it. */
    @FunctionalInterface
    public interface TakeListener {
        void taken(int party, Correlation c, Values v);
    }

    private SecureRun() {
    }

    public static Result run(Model model, SecureActivation activation, int parties, double[] normalisedBatch, int batch) {
        return run(model, activation, FixedPointPolicy.DEFAULT, parties, normalisedBatch, batch);
    }

    public static Result run(Model model, SecureActivation activation, FixedPointPolicy policy, int parties,
                             double[] normalisedBatch, int batch) {
        return run(model, activation, policy, parties, normalisedBatch, batch, (p, c, v) -> { });
    }

    public static Result run(Model model, SecureActivation activation, FixedPointPolicy policy, int parties,
                             double[] normalisedBatch, int batch, TakeListener listener) {
        return run(model, activation, policy, parties, normalisedBatch, batch, listener, false);
    }

    /**
     * With {@code prepared}, the dealer computes the whole query ({@link PreparedQuery}) before the
     * parties start and gives out the seeds it drew over the network, as a deployed dealer does.
     */
    public static Result run(Model model, SecureActivation activation, FixedPointPolicy policy, int parties,
                             double[] normalisedBatch, int batch, TakeListener listener, boolean prepared) {
        SecureRandom rnd = new SecureRandom();
        ModelShares.Split split = ModelShares.split(LoweredGraph.of(model.graph()), model.pann().bound(), policy, parties, rnd);
        FixedPoint in = new FixedPoint(policy.activationBits());
        var shape = model.graph().input();
        RingTensor[] inputs = AdditiveSharing.split(in.encode(normalisedBatch, batch, shape.channels(), shape.height(),
                shape.width()), parties, new Prg(Seed.random(rnd)));
        SecureEvaluator evaluator = new SecureEvaluator(split.model(), activation);
        List<Correlation> plan = evaluator.correlationPlan(parties, batch);
        Seeds[] seeds = Seeds.local(parties, rnd);
        PreparedQuery ahead = prepared ? PreparedQuery.prepare(parties, plan, split.dealer(), rnd) : null;
        long[] dealerBytes = new long[1];
        long start = System.nanoTime();
        List<SecureEvaluator.Output> out = LocalParties.run(parties, Duration.ofMinutes(10), net -> {
            Seeds mine = prepared ? Seeds.setup(net, rnd) : seeds[net.id()];
            PartyCorrelations correlations = new PartyCorrelations(net, mine.dealerSeed());
            correlations.onTake((c, v) -> listener.taken(net.id(), c, v));
            Session s = new Session(net, parties, correlations);
            return evaluator.query(s, 1, split.parties()[net.id()], inputs[net.id()]);
        }, net -> {
            if (prepared) {
                ahead.serve(net, 1);
            } else {
                net.beginQuery(1);
                new Dealer(net, seeds[parties], split.dealer()).serve(plan);
            }
            dealerBytes[0] = net.stats().totalBytesSent();
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        RingTensor[] shares = out.stream().map(SecureEvaluator.Output::logits).toArray(RingTensor[]::new);
        FixedPoint logits = new FixedPoint(split.model().outputBits());
        return new Result(logits.decode(AdditiveSharing.reconstruct(shares)), out.get(0).cost(), dealerBytes[0], seconds, split);
    }

    /** What the parties run at precision B: AppReLU with our polynomials, or exact ReLU when B = 0. */
    public static SecureActivation activation(int beta) {
        return beta == 0 ? SecureActivation.exact()
                : SecureActivation.pann(SignPolynomials.forBeta(beta), FixedPointPolicy.DEFAULT);
    }

    /** The plaintext mode a secure run at precision B must follow (the backbone when B = 0). */
    public static ActivationMode plainMode(Model model, int beta) {
        return beta == 0 ? ActivationMode.BACKBONE : ActivationMode.pann(SignPolynomials.forBeta(beta), model.pann().bound());
    }

    /** Plaintext logits of normalised inputs [batch x ...] with the given mode. */
    public static double[] plain(Model model, ActivationMode mode, double[] normalisedBatch, int batch) {
        PlainEvaluator pe = new PlainEvaluator(model);
        PlainEvaluator.Workspace ws = pe.newWorkspace();
        int size = model.graph().input().size(), classes = pe.numClasses();
        double[] logits = new double[batch * classes];
        double[] one = new double[classes];
        for (int b = 0; b < batch; b++) {
            pe.logitsOfNormalised(java.util.Arrays.copyOfRange(normalisedBatch, b * size, (b + 1) * size), mode, ws,
                    null, one);
            System.arraycopy(one, 0, logits, b * classes, classes);
        }
        return logits;
    }

    static int argmax(double[] v, int from, int n) {
        int best = from;
        for (int i = from; i < from + n; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best - from;
    }
}
