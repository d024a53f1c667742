package dev.sturdy.net;

/**
 * Flow control on one link, the same rule on both ends. Only what the dealer sends is windowed:
 * the dealer is the one role that sends ahead of being asked (it streams a query's correlations
 * while party 0 computes), so without a window a party that stalls (its peer never got the query)
 * would buffer the whole plan, gigabytes at batch 16. Compute parties send one message per peer
 * per round and then wait for the answer, so their unread data is one round at most, and a window
 * on them could deadlock two parties that both send a message larger than it before receiving.
 *
 * @param window            payload bytes this role may send on a stream ahead of the peer's credits
 * @param creditsPeer       whether this role credits what the peer sends (the peer is windowed)
 * @param maxUnclaimedBytes cap on what the peer may send for streams no endpoint here has opened
 */
record FlowControl(long window, boolean creditsPeer, long maxUnclaimedBytes) {
    /** Enough lookahead for the dealer to prepare the next layers while party 0 computes. */
    static final long DEALER_WINDOW = 64L << 20;
    static final long MAX_UNCLAIMED = 64L << 20;

    static FlowControl between(int self, int peer, int dealer) {
        return new FlowControl(self == dealer ? DEALER_WINDOW : Long.MAX_VALUE, peer == dealer, MAX_UNCLAIMED);
    }

    /** A receiver credits in steps of a quarter window, so a credit frame goes out per 16 MiB read. */
    long creditStep() {
        return DEALER_WINDOW / 4;
    }
}
