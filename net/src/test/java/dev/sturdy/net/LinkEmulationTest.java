package dev.sturdy.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.protocol.net.Network;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LinkEmulationTest {
    private static final Duration T = Duration.ofSeconds(30);
    private final LoopbackRoles roles = new LoopbackRoles();

    @AfterEach
    void stop() {
        roles.close();
    }

    private NettyTransport[] start(LinkEmulation link) {
        List<InetSocketAddress> addrs = LoopbackRoles.freeAddresses(3);
        return roles.start(2, id -> new TransportConfig(id, 2, addrs.get(id), addrs,
                LoopbackRoles.credentials(LoopbackRoles.CA, id, 2), T, Duration.ofSeconds(20), link));
    }

    private static long[] randomMessage(int n) {
        long[] m = new long[n];
        for (int i = 0; i < n; i++) {
            m[i] = ThreadLocalRandom.current().nextLong();
        }
        return m;
    }

    private static final AtomicLong STREAMS = new AtomicLong();

    /** Party 0 sends, party 1 answers with the same array, {@code trips} times; returns party 0's seconds. */
    private static double pingPong(NettyTransport[] t, long[] message, int trips) {
        long stream = STREAMS.incrementAndGet(); // a closed stream's id stays refused for a while
        Network a = t[0].open(stream), b = t[1].open(stream);
        a.beginQuery(stream);
        b.beginQuery(stream);
        CompletableFuture<Void> echo = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < trips; i++) {
                b.send(0, i, b.receive(0, i));
            }
        });
        long t0 = System.nanoTime();
        for (int i = 0; i < trips; i++) {
            a.send(1, i, message);
            assertArrayEquals(message, a.receive(1, i));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        echo.join();
        a.close();
        b.close();
        return seconds;
    }

    @Test
    void everyRoundTripPaysTheDelayBothWays() {
        NettyTransport[] t = start(LinkEmulation.of(40, 0));
        pingPong(t, randomMessage(10), 1); // connection warm-up
        double seconds = pingPong(t, randomMessage(1000), 5);
        assertTrue(seconds >= 5 * 2 * 0.040, "5 round trips at 40 ms one way took only " + seconds + " s");
        assertTrue(seconds < 20, "5 round trips took " + seconds + " s");
    }

    @Test
    void aLargeMessageTakesItsSizeOverTheBandwidthAndArrivesIntact() {
        NettyTransport[] t = start(LinkEmulation.of(0, 20));
        int elements = 3 * Frames.MAX_CHUNK_ELEMENTS + 17; // four frames, 6.3 MB each way
        double seconds = pingPong(t, randomMessage(elements), 1);
        double floor = 2 * elements * 8 * 8 / 20e6;
        assertTrue(seconds >= floor, "2 x " + elements * 8 + " B at 20 Mbit/s took only " + seconds + " s, at least "
                + floor + " s expected");
    }

    @Test
    void badConditionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LinkEmulation.of(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> LinkEmulation.of(0, Double.NaN));
    }
}
