package dev.sturdy.party.compute;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.Model;
import dev.sturdy.party.samples.DemoModel;
import dev.sturdy.protocol.net.LocalParties;
import dev.sturdy.protocol.prg.Prg;
import dev.sturdy.protocol.prg.Seed;
import dev.sturdy.protocol.ring.FixedPoint;
import dev.sturdy.protocol.ring.RingTensor;
import dev.sturdy.protocol.sharing.AdditiveSharing;
import dev.sturdy.protocol.wire.RecordingNetwork;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Masks are fresh per query on the deployed path: the same input shares sent twice through
 * {@link SecureQuery} (one model split, as a deployment serves many queries) open values that have
 * nothing in common. Were a mask reused across queries, the same secret under the same mask would
 * open the same words. Counted over every word party 0 learns (its opened sums and XORs).
 */
class QueryFreshnessTest {

    @ParameterizedTest(name = "{0} parties, B={1} (0: exact ReLU)")
    @CsvSource({"2,8", "3,0"})
    void theSameQueryTwiceOpensUnrelatedValues(int parties, int beta) throws Exception {
        Model model = DemoModel.load();
        SecureRandom rnd = new SecureRandom();
        ModelShareFile[] files = ModelShareFile.split(model, parties, beta, 0, rnd);
        SecureQuery[] roles = new SecureQuery[parties + 1];
        for (int r = 0; r <= parties; r++) {
            roles[r] = new SecureQuery(files[r], 1);
        }
        var shape = model.graph().input();
        double[] image = new double[shape.size()];
        Random pixels = new Random(5);
        for (int i = 0; i < image.length; i++) {
            image[i] = pixels.nextDouble();
        }
        RingTensor[] inputs = AdditiveSharing.split(new FixedPoint(files[0].fractionalBits())
                .encode(image, 1, shape.channels(), shape.height(), shape.width()), parties, new Prg(Seed.random(rnd)));
        Set<Long> first = openedWords(roles, inputs, parties, rnd);
        Set<Long> second = openedWords(roles, inputs, parties, rnd);
        long common = second.stream().filter(first::contains).count();
        assertTrue(first.size() > 1000, "only " + first.size() + " opened words");
        // random 64-bit words: a common word by chance has probability about size^2 / 2^64
        assertTrue(common <= 2, common + " of " + second.size() + " opened words reappear in the second query");
    }

    /** The distinct words party 0 learns in one query (the last word of a message, partly padding, left out). */
    private static Set<Long> openedWords(SecureQuery[] roles, RingTensor[] inputs, int parties, SecureRandom rnd) {
        RecordingNetwork[] recorders = new RecordingNetwork[parties];
        long query = rnd.nextLong();
        LocalParties.run(parties, Duration.ofMinutes(2), net -> {
            recorders[net.id()] = new RecordingNetwork(net);
            return roles[net.id()].party(recorders[net.id()], query, inputs[net.id()], rnd);
        }, net -> roles[parties].dealer(net, query, rnd));
        Set<Long> words = new HashSet<>();
        for (List<long[]> messages : List.of(recorders[0].openedSums, recorders[0].openedXors)) {
            for (long[] m : messages) {
                for (int i = 0; i + 1 < m.length; i++) {
                    words.add(m[i]);
                }
            }
        }
        return words;
    }
}
