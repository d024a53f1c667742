package dev.sturdy.protocol.net;

/**
 * One party's endpoint of the network the protocol talks to. Ids 0..N-1 are the compute parties,
 * id N is the dealer. Messages are arrays of ring elements (longs).
 *
 * <p>Framing contract (every implementation, in memory or over Netty): each message carries
 * (query, step, tag). {@code step} counts the messages sent on the directed channel self->peer
 * since {@link #beginQuery}; the receiver expects the next step on peer->self and the same query;
 * {@code tag} is a protocol-chosen label of what the message is (operation and sizes). Any
 * mismatch of query, step, tag or length is a {@link NetworkException}, never a silent misread.
 * Frames on one directed channel are delivered in order.
 *
 * <p>One round of the online protocol is one {@link #exchange} call: exactly one message per peer.
 * An endpoint is used by a single thread. {@link #send} does not retain the caller's array: the
 * caller may overwrite it as soon as send returns (a transport copies or serialises first).
 *
 * <p>A byte transport can frame a message as: query (8 bytes), step (8), tag (8), length in
 * elements (4), then 8 * length payload bytes (little-endian longs). Byte counters
 * ({@link TrafficStats}) count the payload only, so they are equal across transports.
 * {@link NetworkConformance} checks an implementation against this contract.
 */
public interface Network extends AutoCloseable {
    /** This endpoint's id: 0..N-1 for compute parties, N for the dealer. */
    int id();

    /** N, the number of compute parties (the dealer not included). */
    int computeParties();

    default int dealerId() {
        return computeParties();
    }

    default boolean isDealer() {
        return id() == dealerId();
    }

    /**
     * Starts query {@code queryId}: resets the step counters of every channel of this endpoint.
     * All parties and the dealer call it with the same ids in the same order. Before the first
     * call the endpoint is in the setup query {@link #SETUP_QUERY}.
     */
    void beginQuery(long queryId);

    long SETUP_QUERY = -1L;

    long currentQuery();

    /** Sends data[offset, offset+length) as one message; the array is not retained. */
    void send(int peer, long tag, long[] data, int offset, int length);

    default void send(int peer, long tag, long[] data) {
        send(peer, tag, data, 0, data.length);
    }

    /** Receives the next message from {@code peer} into into[offset, offset+length); its length must be exactly {@code length}. */
    void receive(int peer, long tag, long[] into, int offset, int length);

    /** Receives the next message from {@code peer} whatever its length, into a new array. */
    long[] receive(int peer, long tag);

    /**
     * One round among the compute parties: sends payload[0, length) to every other compute party
     * and receives exactly {@code length} elements from each into {@code into[peer]} (entries for
     * this party and unused ids are ignored). Only compute parties call it.
     */
    default void exchange(long tag, long[] payload, int length, long[][] into) {
        int n = computeParties();
        if (isDealer()) {
            throw new NetworkException("the dealer (id " + id() + ") does not take part in exchanges");
        }
        if (into.length < n) {
            throw new NetworkException("party " + id() + ": exchange needs receive buffers for " + n
                    + " compute parties, got " + into.length);
        }
        for (int p = 0; p < n; p++) {
            if (p != id()) {
                send(p, tag, payload, 0, length);
            }
        }
        for (int p = 0; p < n; p++) {
            if (p != id()) {
                receive(p, tag, into[p], 0, length);
            }
        }
    }

    /**
     * One round with a possibly different message per peer: {@code toEachPeer[p]} goes to compute
     * party p (entry for self ignored); returns what each peer sent (entry for self null).
     */
    default long[][] exchange(long tag, long[][] toEachPeer) {
        int n = computeParties();
        if (toEachPeer.length != n) {
            throw new NetworkException("party " + id() + ": exchange got messages for " + toEachPeer.length
                    + " compute parties but the network has " + n);
        }
        for (int p = 0; p < n; p++) {
            if (p != id()) {
                send(p, tag, toEachPeer[p], 0, toEachPeer[p].length);
            }
        }
        long[][] got = new long[n][];
        for (int p = 0; p < n; p++) {
            if (p != id()) {
                got[p] = receive(p, tag);
            }
        }
        return got;
    }

    /** Cumulative traffic counters of this endpoint. */
    TrafficStats stats();

    /** Human-readable name of an id for error messages: "party 1" or "the dealer (id 2)". */
    default String nameOf(int peer) {
        return peer == dealerId() ? "the dealer (id " + peer + ")" : "party " + peer;
    }

    /**
     * Marks this role's part of the query as failed for a reason other than the network (a bug, a
     * refused request): closing the endpoint then tells the peers to stop serving the query. A
     * transport whose endpoints fail on their own network errors does this for those already; the
     * in-memory network needs nothing (its peers are threads of the same test or run).
     */
    default void abandon(String reason) {
    }

    @Override
    void close();
}
