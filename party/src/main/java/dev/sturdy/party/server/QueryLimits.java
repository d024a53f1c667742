package dev.sturdy.party.server;

import java.util.HashMap;
import java.util.Map;

/**
 * How many queries a compute party runs at once: in all, and per client certificate, so one
 * client cannot take every slot. A query over either limit is refused at once (not queued past
 * its deadline); with the dealer's send window this bounds what a party holds for queries.
 */
final class QueryLimits {
    private final int party;
    private final int total;
    private final int perClient;
    private final Map<String, Integer> byClient = new HashMap<>();
    private int running;

    QueryLimits(int party, int total, int perClient) {
        this.party = party;
        this.total = total;
        this.perClient = perClient;
    }

    /** Takes a slot for {@code client}; returns why not (and takes nothing) when a limit is reached. */
    synchronized String tryStart(String client) {
        if (running >= total) {
            return "party " + party + " is running its maximum of " + total + " queries; try again shortly";
        }
        int mine = byClient.getOrDefault(client, 0);
        if (mine >= perClient) {
            return "party " + party + " is running " + mine + " queries of client '" + client
                    + "', its maximum per client; wait for one to finish";
        }
        byClient.put(client, mine + 1);
        running++;
        return null;
    }

    synchronized void finish(String client) {
        running--;
        byClient.merge(client, -1, (a, b) -> a + b == 0 ? null : a + b);
    }
}
