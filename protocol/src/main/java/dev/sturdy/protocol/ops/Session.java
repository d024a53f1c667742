package dev.sturdy.protocol.ops;

import dev.sturdy.protocol.cost.CostTracker;
import dev.sturdy.protocol.dealer.PartyCorrelations;
import dev.sturdy.protocol.net.Network;
import dev.sturdy.protocol.ring.FixedPoint;
import dev.sturdy.protocol.ring.LongArrayPool;

/**
 * What one compute party needs to run secure operations: its network endpoint, its correlation
 * source, the fixed-point format, the truncation mode, cost tracking, and reusable buffers for
 * the hot paths (the round's packed message and the peers' messages).
 */
public final class Session {
    private final Network net;
    private final int parties;
    private final PartyCorrelations correlations;
    private final FixedPoint fp;
    private final TruncationMode truncation;
    private final CostTracker cost;
    private final LongArrayPool pool = new LongArrayPool(16);
    private long[] send = new long[0];
    private final long[][] received;
    private long[] col = new long[0];

    /**
     * @param expectedParties the party count this computation was configured for; must equal the network's
     */
    public Session(Network net, int expectedParties, PartyCorrelations correlations, FixedPoint fp,
                   TruncationMode truncation) {
        if (net.isDealer()) {
            throw new IllegalArgumentException("a Session is for compute parties; id " + net.id() + " is the dealer");
        }
        if (net.computeParties() != expectedParties) {
            throw new IllegalArgumentException("configured for " + expectedParties + " compute parties but the network has "
                    + net.computeParties());
        }
        if (correlations.party() != net.id()) {
            throw new IllegalArgumentException("correlations of party " + correlations.party() + " used by party "
                    + net.id());
        }
        if (truncation == TruncationMode.LOCAL && expectedParties != 2) {
            throw new IllegalArgumentException("local (SecureML) truncation works for 2 parties only, not "
                    + expectedParties + "; use DEALER");
        }
        this.net = net;
        this.parties = expectedParties;
        this.correlations = correlations;
        this.fp = fp;
        this.truncation = truncation;
        this.cost = new CostTracker(net, correlations::usage);
        this.received = new long[parties][0];
    }

    public Session(Network net, int expectedParties, PartyCorrelations correlations, FixedPoint fp) {
        this(net, expectedParties, correlations, fp, TruncationMode.defaultFor(expectedParties));
    }

    public Network net() {
        return net;
    }

    public int id() {
        return net.id();
    }

    public int parties() {
        return parties;
    }

    public PartyCorrelations correlations() {
        return correlations;
    }

    public FixedPoint fixedPoint() {
        return fp;
    }

    public TruncationMode truncation() {
        return truncation;
    }

    public CostTracker cost() {
        return cost;
    }

    LongArrayPool pool() {
        return pool;
    }

    /** Starts a query on the network and in the cost tracker (all parties and the dealer alike). */
    public void beginQuery(long queryId) {
        net.beginQuery(queryId);
        cost.beginQuery(queryId);
    }

    long[] sendBuffer(int n) {
        if (send.length < n) {
            send = new long[n];
        }
        return send;
    }

    long[][] receiveBuffers(int n) {
        for (int p = 0; p < parties; p++) {
            if (p != id() && received[p].length < n) {
                received[p] = new long[n];
            }
        }
        return received;
    }

    long[] colBuffer(int n) {
        if (col.length < n) {
            col = new long[n];
        }
        return col;
    }
}
