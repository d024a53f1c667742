package dev.sturdy.net;

import dev.sturdy.protocol.net.Network;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Loopback throughput of the transport, plaintext and TLS: party 0 sends 8 MB messages
 * (1M ring elements) to party 1, which receives them into a reused array.
 * Run: java -cp net/target/classes:net/target/test-classes:$(deps) dev.sturdy.net.TransportThroughput
 */
public final class TransportThroughput {
    private static final int ELEMENTS = 1 << 20;
    private static final int MESSAGES = 64;

    public static void main(String[] args) {
        for (boolean tls : new boolean[] {false, true, false, true}) {
            try (LoopbackRoles roles = new LoopbackRoles()) {
                NettyTransport[] t = roles.start(2, tls, Duration.ofSeconds(30));
                System.out.printf("%-9s %7.0f MB/s (%d x 8 MB, one direction)%n", tls ? "TLS 1.3" : "plaintext",
                        measure(t[0].open(1), t[1].open(1)), MESSAGES);
            }
        }
    }

    private static double measure(Network sender, Network receiver) {
        long[] payload = new long[ELEMENTS];
        for (int i = 0; i < ELEMENTS; i++) {
            payload[i] = i * 0x9E3779B97F4A7C15L;
        }
        long[] into = new long[ELEMENTS];
        CompletableFuture<Void> send = CompletableFuture.runAsync(() -> {
            for (int m = 0; m < MESSAGES + 4; m++) {
                sender.send(1, 1L, payload, 0, ELEMENTS);
            }
        });
        for (int m = 0; m < 4; m++) { // warm-up
            receiver.receive(0, 1L, into, 0, ELEMENTS);
        }
        long start = System.nanoTime();
        for (int m = 0; m < MESSAGES; m++) {
            receiver.receive(0, 1L, into, 0, ELEMENTS);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        send.join();
        if (into[ELEMENTS - 1] != payload[ELEMENTS - 1]) {
            throw new AssertionError("payload corrupted");
        }
        return MESSAGES * 8.0 * ELEMENTS / 1e6 / seconds;
    }
}
