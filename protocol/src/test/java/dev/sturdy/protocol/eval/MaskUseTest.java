package dev.sturdy.protocol.eval;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.Model;
import dev.sturdy.model.approx.SignPolynomials;
import dev.sturdy.model.fixed.FixedPointPolicy;
import dev.sturdy.protocol.correlation.Correlation;
import dev.sturdy.protocol.correlation.Part;
import dev.sturdy.protocol.correlation.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A mask is used once: over a whole query of the small CNN (every layer kind), the masks the
 * dealer and the parties hold (the sum, or XOR, of the parties' values of every RANDOM part of
 * every correlation taken) are all different from each other, and the weights' masks mu (the
 * dealer's, from the deployment's weight seeds) equal none of them: mu masks the weights only. A
 * mask is compared by its first eight values, which two fresh masks share with negligible probability.
 */
class MaskUseTest {

    /** A correlation one party took and its copy of that party's values (RANDOM parts only, others null). */
    private record Taken(Correlation c, long[][] random) {
    }

    @ParameterizedTest(name = "{0} parties, B={1} (0: exact ReLU)")
    @CsvSource({"2,9", "3,9", "2,0", "3,0"})
    void noMaskIsUsedTwiceAndTheWeightMasksMaskOnlyWeights(int parties, int beta) {
        Model m = SmallCnnTest.model(7);
        double[] x = SmallCnnTest.normalisedInputs(m, 2, 11);
        SecureActivation act = beta == 0 ? SecureActivation.exact()
                : SecureActivation.pann(SignPolynomials.forBeta(beta), FixedPointPolicy.DEFAULT);
        List<List<Taken>> byParty = new ArrayList<>();
        for (int p = 0; p < parties; p++) {
            byParty.add(new ArrayList<>());
        }
        // each party's thread appends to its own list only
        SecureRun.Result r = SecureRun.run(m, act, FixedPointPolicy.DEFAULT, parties, x, 2,
                (party, c, v) -> byParty.get(party).add(new Taken(c, copyOfRandomParts(c, v))));

        Map<List<Long>, String> seen = new HashMap<>();
        int requests = byParty.get(0).size();
        int masks = 0;
        for (int k = 0; k < requests; k++) {
            Correlation c = byParty.get(0).get(k).c();
            for (int p = 0; p < c.parts().size(); p++) {
                Part part = c.parts().get(p);
                if (part.dealt()) {
                    continue;
                }
                long[][] shares = new long[parties][];
                for (int party = 0; party < parties; party++) {
                    shares[party] = byParty.get(party).get(k).random()[p];
                }
                List<Long> key = fingerprint(part, shares);
                if (key != null) {
                    masks++;
                    String what = "request " + k + " (" + c.kind() + ") part " + part.name();
                    String before = seen.put(key, what);
                    assertNull(before, what + " uses the same mask as " + before);
                }
            }
        }
        assertTrue(masks > 20, "only " + masks + " masks seen");
        SecureModel secure = r.split().model();
        long keep = (1L << secure.linearRing()) - 1;
        for (int layer = 0; layer < secure.graph().layers().size(); layer++) {
            if (!secure.graph().layers().get(layer).hasWeights()) {
                continue;
            }
            long[] mu = r.split().dealer().mask(layer);
            List<Long> key = new ArrayList<>();
            for (int i = 0; i < Math.min(8, mu.length); i++) {
                key.add(mu[i] & keep);
            }
            String before = seen.put(key, "weight mask of layer " + layer);
            assertNull(before, "the weight mask of layer " + layer + " is also " + before);
        }
    }

    private static long[][] copyOfRandomParts(Correlation c, Values v) {
        long[][] copy = new long[c.parts().size()][];
        for (int p = 0; p < copy.length; p++) {
            if (!c.parts().get(p).dealt()) {
                copy[p] = v.lo(p).clone();
            }
        }
        return copy;
    }

    /** The first eight values of the mask, or null when those carry fewer than 64 bits together. */
    private static List<Long> fingerprint(Part part, long[][] byParty) {
        int n = Math.min(8, part.count());
        int bits = part.xor() ? 64 : Math.min(64, part.ring());
        if ((long) n * bits < 64) {
            return null;
        }
        long keep = bits == 64 ? -1L : (1L << bits) - 1;
        List<Long> key = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long acc = 0;
            for (long[] share : byParty) {
                acc = part.xor() ? acc ^ share[i] : acc + share[i];
            }
            key.add(acc & keep);
        }
        return key;
    }
}
