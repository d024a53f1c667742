package dev.sturdy.protocol.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryNetworkTest {
    private static final Duration T = Duration.ofSeconds(5);

    @Test
    void exchangeDeliversEachPeersPayloadOnceCopiedAndCounted() {
        for (int n : new int[] {2, 3}) {
            List<long[]> sums = LocalParties.run(n, T, net -> {
                long[] mine = {net.id() * 10L, net.id() * 10L + 1};
                long[][] in = new long[n][2];
                net.exchange(7L, mine, 2, in);
                mine[0] = 999; // mutating after send must not change what peers got (checked by sums)
                long[] sum = new long[2];
                for (int p = 0; p < n; p++) {
                    if (p != net.id()) {
                        sum[0] += in[p][0];
                        sum[1] += in[p][1];
                    }
                }
                for (int p = 0; p < n; p++) {
                    if (p != net.id()) {
                        assertEquals(16, net.stats().bytesSent(p));
                        assertEquals(16, net.stats().bytesReceived(p));
                        assertEquals(1, net.stats().messagesSent(p));
                    }
                }
                assertEquals(0, net.stats().bytesSent(n));
                return sum;
            }, dealer -> { });
            long total = n * (n - 1) / 2 * 10L;
            for (int p = 0; p < n; p++) {
                assertArrayEquals(new long[] {total - 10L * p, total - 10L * p + (n - 1)}, sums.get(p));
            }
        }
    }

    @Test
    void perPeerMessagesAndDealerSends() {
        List<long[]> got = LocalParties.run(2, T, net -> {
            long[][] out = net.exchange(3L, new long[][] {{net.id()}, {net.id(), 5}});
            long[] fromDealer = new long[3];
            net.receive(net.dealerId(), 9L, fromDealer, 0, 3);
            return new long[] {out[1 - net.id()].length, fromDealer[0], fromDealer[2]};
        }, net -> {
            net.send(0, 9L, new long[] {1, 2, 3});
            net.send(1, 9L, new long[] {4, 5, 6});
        });
        assertArrayEquals(new long[] {1, 1, 3}, got.get(0));
        assertArrayEquals(new long[] {2, 4, 6}, got.get(1));
    }

    @Test
    void timeoutNamesTheSilentPeer() {
        LocalParties.PartyFailure e = assertThrows(LocalParties.PartyFailure.class,
                () -> LocalParties.run(2, Duration.ofMillis(200), net -> {
                    if (net.id() == 0) {
                        net.receive(net.dealerId(), 1L, new long[1], 0, 1);
                    }
                    return null;
                }, net -> { }));
        assertTrue(e.getMessage().contains("party 0: NetworkException: party 0: no message from the dealer (id 2)"),
                e.getMessage());
    }

    @Test
    void tagStepQueryAndLengthMismatchesAreErrors() {
        try (InMemoryNetwork net = new InMemoryNetwork(2, T)) {
            Network a = net.endpoint(0), b = net.endpoint(1);
            a.send(1, 1L, new long[] {1});
            NetworkException tag = assertThrows(NetworkException.class, () -> b.receive(0, 2L));
            assertTrue(tag.getMessage().contains("different operations"), tag.getMessage());

            a.send(1, 1L, new long[] {1, 2});
            NetworkException len = assertThrows(NetworkException.class, () -> b.receive(0, 1L, new long[3], 0, 3));
            assertTrue(len.getMessage().contains("has 2 elements, expected 3"), len.getMessage());

            a.beginQuery(5);
            a.send(1, 1L, new long[] {1});
            NetworkException q = assertThrows(NetworkException.class, () -> b.receive(0, 1L));
            assertTrue(q.getMessage().contains("got (query 5, step 0), expected (query -1"), q.getMessage());
        }
    }

    @Test
    void partyCountMisuseIsRejected() {
        try (InMemoryNetwork net = new InMemoryNetwork(2, T)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.endpoint(3));
            assertTrue(e.getMessage().contains("2 compute parties"), e.getMessage());
            Network a = net.endpoint(0);
            assertThrows(IllegalStateException.class, () -> net.endpoint(0));
            NetworkException x = assertThrows(NetworkException.class,
                    () -> a.exchange(1L, new long[][] {{1}, {2}, {3}}));
            assertTrue(x.getMessage().contains("3 compute parties but the network has 2"), x.getMessage());
            assertThrows(NetworkException.class, () -> a.send(5, 1L, new long[1]));
        }
        assertThrows(IllegalArgumentException.class, () -> new InMemoryNetwork(1, T));
    }

    @Test
    void passesTheNetworkConformanceChecks() {
        NetworkConformance.check(n -> {
            InMemoryNetwork net = new InMemoryNetwork(n, Duration.ofMillis(500));
            Network[] eps = new Network[n + 1];
            for (int i = 0; i <= n; i++) {
                eps[i] = net.endpoint(i);
            }
            return eps;
        });
    }
}
