package dev.sturdy.protocol.wire;

import dev.sturdy.protocol.correlation.Correlation;
import dev.sturdy.protocol.correlation.PartyCorrelations;
import dev.sturdy.protocol.correlation.Values;
import dev.sturdy.protocol.cost.CostTracker;
import dev.sturdy.protocol.net.Network;

/**
 * What one compute party needs to run secure operations: its network endpoint, its correlation
 * source and cost tracking, plus the receive buffers of its rounds (reused across rounds).
 */
public final class Session {
    private final Network net;
    private final int parties;
    private final PartyCorrelations correlations;
    private final CostTracker cost;
    private final long[][] received;

    /** @param expectedParties the party count this computation was configured for; must equal the network's */
    public Session(Network net, int expectedParties, PartyCorrelations correlations) {
        if (net.isDealer()) {
            throw new IllegalArgumentException("a Session is for compute parties; id " + net.id() + " is the dealer");
        }
        if (net.computeParties() != expectedParties) {
            throw new IllegalArgumentException("configured for " + expectedParties + " compute parties but the network has "
                    + net.computeParties());
        }
        if (correlations.party() != net.id()) {
            throw new IllegalArgumentException("correlations of party " + correlations.party() + " used by party " + net.id());
        }
        this.net = net;
        this.parties = expectedParties;
        this.correlations = correlations;
        this.cost = new CostTracker(net, correlations::usage);
        this.received = new long[parties][0];
    }

    public Network net() {
        return net;
    }

    public int id() {
        return net.id();
    }

    /** Whether this is party 0, the one that adds public constants to its shares. */
    public boolean first() {
        return net.id() == 0;
    }

    public int parties() {
        return parties;
    }

    public CostTracker cost() {
        return cost;
    }

    /** Takes the next correlation; its id is {@link #nextId()} before the call. */
    public Values take(Correlation c) {
        return correlations.take(c);
    }

    public int nextId() {
        return correlations.nextId();
    }

    /** Starts a query on the network and in the cost tracker (all parties and the dealer alike). */
    public void beginQuery(long queryId) {
        net.beginQuery(queryId);
        cost.beginQuery(queryId);
    }

    long[][] receiveBuffers(int words) {
        for (int p = 0; p < parties; p++) {
            if (p != id() && received[p].length < words) {
                received[p] = new long[words];
            }
        }
        return received;
    }
}
