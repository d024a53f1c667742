package dev.sturdy.party.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sturdy.protocol.correlation.Dealer;
import dev.sturdy.protocol.correlation.PreparedQuery;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The dealer's stock of prepared queries: filled while idle, never while a query is served, one query per item. */
class PreparedQueriesTest {
    private final AtomicInteger made = new AtomicInteger();
    private final SecureRandom rnd = new SecureRandom();

    private PreparedQuery make() {
        made.incrementAndGet();
        return PreparedQuery.prepare(2, List.of(), Dealer.WeightMasks.NONE, rnd);
    }

    @Test
    void preparesOnlyWhileNoQueryIsServedAndHandsEachOutOnce() throws Exception {
        try (PreparedQueries stock = new PreparedQueries(1, 2, this::make)) {
            stock.awaitReady();
            assertEquals(2, stock.readyCount());
            assertEquals(2, made.get());

            PreparedQuery first = stock.begin(1);
            PreparedQuery other = stock.begin(4);
            assertNotNull(first);
            assertNull(other, "only queries of the prepared batch size are served from the stock");
            Thread.sleep(300);
            assertEquals(2, made.get(), "nothing is prepared while queries are served");
            assertEquals(1, stock.readyCount());

            stock.end();
            Thread.sleep(300);
            assertEquals(2, made.get(), "one query is still served");
            stock.end();
            stock.awaitReady();
            assertEquals(3, made.get());

            PreparedQuery second = stock.begin(1);
            assertNotSame(first, second);
            stock.end();
        }
    }
}
