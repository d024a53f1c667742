package dev.sturdy.protocol.net;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Behaviour every {@link Network} implementation must show, as a reusable check (plain code, no
 * test framework, throws {@link AssertionError}): the in-memory network's tests run it, and the
 * Netty transport can run the same checks against real sockets.
 *
 * <p>{@code connect.apply(n)} must return the n+1 endpoints (parties 0..n-1, dealer n) of a fresh
 * network with n compute parties and a receive timeout of at most a few seconds.
 */
public final class NetworkConformance {
    private NetworkConformance() {
    }

    public static void check(IntFunction<Network[]> connect) {
        for (int n : new int[] {2, 3}) {
            exchangeDeliversCopiesAndCountsBytes(connect.apply(n));
        }
        largeDealerMessage(connect.apply(2));
        mismatchesAreErrors(connect.apply(2));
        silentPeerTimesOut(connect.apply(2));
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("network conformance: " + what);
        }
    }

    private static <T> List<T> onThreads(Network[] eps, Function<Network, T> body) {
        ExecutorService pool = Executors.newFixedThreadPool(eps.length);
        try {
            List<Future<T>> fs = new ArrayList<>();
            for (Network ep : eps) {
                fs.add(pool.submit(() -> body.apply(ep)));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : fs) {
                out.add(f.get());
            }
            return out;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a;
            }
            throw new AssertionError("network conformance: a role failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            pool.shutdownNow();
            for (Network ep : eps) {
                ep.close();
            }
        }
    }

    private static void exchangeDeliversCopiesAndCountsBytes(Network[] eps) {
        int n = eps.length - 1;
        onThreads(eps, net -> {
            if (net.isDealer()) {
                return null;
            }
            net.beginQuery(3);
            for (int round = 0; round < 3; round++) {
                long[] mine = new long[100 + round];
                for (int i = 0; i < mine.length; i++) {
                    mine[i] = net.id() * 1000L + i + round;
                }
                long[][] in = new long[n][mine.length];
                net.exchange(round, mine, mine.length, in);
                mine[0] = -1; // must not affect what the peers received
                for (int p = 0; p < n; p++) {
                    if (p != net.id()) {
                        require(in[p][0] == p * 1000L + round && in[p][99] == p * 1000L + 99 + round,
                                "party " + net.id() + " got the wrong payload from party " + p);
                    }
                }
            }
            long perPeer = 8L * (100 + 101 + 102);
            for (int p = 0; p < n; p++) {
                if (p != net.id()) {
                    require(net.stats().bytesSent(p) == perPeer && net.stats().bytesReceived(p) == perPeer,
                            "payload byte counters of party " + net.id() + " for peer " + p);
                    require(net.stats().messagesSent(p) == 3, "one message per peer per exchange");
                }
            }
            return null;
        });
    }

    private static void largeDealerMessage(Network[] eps) {
        int len = 1 << 20;
        onThreads(eps, net -> {
            net.beginQuery(0);
            if (net.isDealer()) {
                long[] big = new long[len];
                for (int i = 0; i < len; i++) {
                    big[i] = i * 0x9E3779B97F4A7C15L;
                }
                net.send(0, 77L, big, 0, len);
            } else if (net.id() == 0) {
                long[] into = new long[len + 2];
                net.receive(net.dealerId(), 77L, into, 1, len);
                require(into[1 + len - 1] == (len - 1) * 0x9E3779B97F4A7C15L && into[0] == 0 && into[len + 1] == 0,
                        "a 1M-element message arrives intact at the given offset");
                require(net.stats().bytesReceived(net.dealerId()) == 8L * len, "dealer bytes counted");
            }
            return null;
        });
    }

    private static void expectNetworkException(Runnable r, String what) {
        try {
            r.run();
        } catch (NetworkException e) {
            return;
        }
        throw new AssertionError("network conformance: expected a NetworkException for " + what);
    }

    private static void mismatchesAreErrors(Network[] eps) {
        onThreads(eps, net -> {
            if (net.id() == 0) {
                net.send(1, 5L, new long[] {1, 2});
                net.send(1, 5L, new long[] {1, 2});
                net.beginQuery(9);
                net.send(1, 5L, new long[] {1});
            } else if (net.id() == 1) {
                expectNetworkException(() -> net.receive(0, 6L), "a tag mismatch");
                expectNetworkException(() -> net.receive(0, 5L, new long[3], 0, 3), "a length mismatch");
                expectNetworkException(() -> net.receive(0, 5L), "a query mismatch");
            }
            return null;
        });
    }

    private static void silentPeerTimesOut(Network[] eps) {
        onThreads(eps, net -> {
            if (net.id() == 0) {
                try {
                    net.receive(net.dealerId(), 1L);
                } catch (NetworkException e) {
                    require(e.getMessage() != null && e.getMessage().contains("dealer"),
                            "the timeout message names the dealer: " + e.getMessage());
                    return null;
                }
                throw new AssertionError("network conformance: receiving from a silent dealer must time out");
            }
            return null;
        });
    }
}
