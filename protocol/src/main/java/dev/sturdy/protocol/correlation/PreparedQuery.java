package dev.sturdy.protocol.correlation;

import dev.sturdy.protocol.net.Network;
import dev.sturdy.protocol.prg.Seeds;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A query's dealer side computed before the query starts: everything the dealer sends depends on
 * the plan (the model's structure and the batch size) and on seeds it draws itself, never on an
 * input, so it can be produced while the dealer is idle and sent when party 0 starts a query.
 * Holds the seeds and every correction message (the dealer's bytes of one query: about 125 MB for
 * a ResNet-20 image at B = 9). Served at most once: its seeds and masks belong to one query.
 */
public final class PreparedQuery {
    private final Seeds seeds;
    /** One correction message: its receiver, tag and words. */
    private record Message(int party, long tag, long[] words) {
    }

    private final List<Message> messages = new ArrayList<>();
    private long words;
    private boolean served;

    private PreparedQuery(Seeds seeds) {
        this.seeds = seeds;
    }

    /** Draws fresh seeds and computes every correction of {@code plan} for {@code parties} compute parties. */
    public static PreparedQuery prepare(int parties, List<Correlation> plan, Dealer.WeightMasks weights, SecureRandom rnd) {
        PreparedQuery q = new PreparedQuery(Seeds.drawForDealer(parties, rnd));
        new Dealer(q.seeds, weights, q::keep).serve(plan);
        return q;
    }

    private void keep(int party, long tag, long[] message, int length) {
        messages.add(new Message(party, tag, Arrays.copyOf(message, length)));
        words += length;
    }

    /** Bytes of the corrections held. */
    public long bytes() {
        return 8 * words;
    }

    /**
     * The dealer's whole side of the query on {@code net}, which must be in its setup query: gives
     * the parties their seeds, begins query {@code queryId} and sends every correction to its
     * receiver. The messages are dropped as they go.
     */
    public synchronized void serve(Network net, long queryId) {
        if (served) {
            throw new IllegalStateException("a prepared query's masks serve one query only");
        }
        served = true;
        seeds.sendFromDealer(net);
        net.beginQuery(queryId);
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.set(i, null);
            net.send(m.party(), m.tag(), m.words(), 0, m.words().length);
        }
    }
}
