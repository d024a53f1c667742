package dev.sturdy.protocol.eval;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.Model;
import dev.sturdy.model.approx.SignPolynomials;
import dev.sturdy.protocol.dealer.CorrelationRequest;
import dev.sturdy.protocol.dealer.Dealer;
import dev.sturdy.protocol.dealer.PartyCorrelations;
import dev.sturdy.protocol.net.LocalParties;
import dev.sturdy.protocol.net.LocalParties.PartyFailure;
import dev.sturdy.protocol.ops.SecureOps;
import dev.sturdy.protocol.ops.Session;
import dev.sturdy.protocol.ops.TruncationMode;
import dev.sturdy.protocol.prg.Prg;
import dev.sturdy.protocol.prg.Seed;
import dev.sturdy.protocol.prg.Seeds;
import dev.sturdy.protocol.ring.FixedPoint;
import dev.sturdy.protocol.ring.RingTensor;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Misuse of the evaluator gives a clear exception on every party, never a silent wrong result. */
class EvaluatorMisuseTest {
    private static final FixedPoint FP = new FixedPoint(16);
    private final Model model = SmallCnnTest.model(3);
    private final FoldedGraph graph = FoldedGraph.of(model);
    private final SecureEvaluator evaluator = new SecureEvaluator(graph,
            SecureActivation.pann(SignPolynomials.forBeta(8), 50, TruncationMode.DEALER));
    private final ModelShares[] weights = ModelShares.split(graph, FP, 2, new Prg(Seed.random(new SecureRandom())));

    private PartyFailure fails(List<CorrelationRequest> plan, Function<SecureOps, Object> party) {
        Seeds[] seeds = Seeds.local(2, new SecureRandom());
        return assertThrows(PartyFailure.class, () -> LocalParties.run(2, Duration.ofSeconds(2), net -> {
            Session s = new Session(net, 2, new PartyCorrelations(net, seeds[net.id()].dealerSeed()), FP,
                    TruncationMode.DEALER);
            s.beginQuery(1);
            return party.apply(new SecureOps(s));
        }, net -> {
            net.beginQuery(1);
            new Dealer(net, seeds[2]).serveAll(plan);
        }));
    }

    @Test
    void anInputOfTheWrongShapeIsRejected() {
        PartyFailure e = fails(List.of(), ops -> evaluator.logits(ops, weights[ops.session().id()],
                RingTensor.zeros(1, 3, 12, 11)));
        assertTrue(e.getMessage().contains("input shape [1, 3, 12, 11] but the model needs [batch, 3, 12, 12]"),
                e.getMessage());
    }

    @Test
    void weightsOfAnotherFixedPointFormatAreRejected() {
        ModelShares[] other = ModelShares.split(graph, new FixedPoint(20), 2, new Prg(Seed.random(new SecureRandom())));
        PartyFailure e = fails(List.of(), ops -> evaluator.logits(ops, other[ops.session().id()],
                RingTensor.zeros(1, 3, 12, 12)));
        assertTrue(e.getMessage().contains("weights encoded with 20 fractional bits, the session uses 16"),
                e.getMessage());
    }

    @Test
    void aDealerPlanForAnotherBatchIsAMissingCorrelation() {
        List<CorrelationRequest> planForOne = new SecureEvaluator(graph.withoutWeights(), evaluator.activation())
                .correlationPlan(2, FP, TruncationMode.DEALER, 1);
        PartyFailure e = fails(planForOne, ops -> evaluator.logits(ops, weights[ops.session().id()],
                RingTensor.zeros(2, 3, 12, 12)));
        assertTrue(e.getMessage().contains("missing or wrong dealer correction for TRIPLE[864]"), e.getMessage());
    }

    @Test
    void aStructureOnlyGraphHasNoWeightsToShare() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ModelShares.split(graph.withoutWeights(), FP, 2, new Prg(Seed.random(new SecureRandom()))));
        assertTrue(e.getMessage().contains("no weights for layer"), e.getMessage());
    }

    @Test
    void aSessionForAnotherPartyCountIsRejected() {
        Seeds[] seeds = Seeds.local(3, new SecureRandom());
        PartyFailure e = assertThrows(PartyFailure.class, () -> LocalParties.run(3, Duration.ofSeconds(2),
                net -> new Session(net, 2, new PartyCorrelations(net, seeds[net.id()].dealerSeed()), FP,
                        TruncationMode.DEALER), net -> { }));
        assertTrue(e.getMessage().contains("configured for 2 compute parties but the network has 3"), e.getMessage());
    }
}
