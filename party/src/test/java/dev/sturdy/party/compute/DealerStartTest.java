package dev.sturdy.party.compute;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.graph.Shape;
import dev.sturdy.net.NettyTransport;
import dev.sturdy.net.TransportConfig;
import dev.sturdy.party.samples.DemoModel;
import dev.sturdy.protocol.net.Network;
import dev.sturdy.protocol.net.NetworkException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The dealer reads party 0's START message at its one fixed length: a message that claims (and
 * carries) 64 MiB is refused without the dealer allocating it, over the real transport.
 */
class DealerStartTest {
    @Test
    void aStartMessageOfTheWrongLengthIsRefusedWithoutBeingAllocated() throws Exception {
        List<InetSocketAddress> addrs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try (ServerSocket s = new ServerSocket(0)) {
                addrs.add(new InetSocketAddress("127.0.0.1", s.getLocalPort()));
            }
        }
        List<CompletableFuture<NettyTransport>> starting = new ArrayList<>();
        for (int id = 0; id < 3; id++) {
            TransportConfig c = new TransportConfig(id, 2, addrs.get(id), addrs, null, Duration.ofSeconds(20),
                    Duration.ofSeconds(20));
            starting.add(CompletableFuture.supplyAsync(() -> NettyTransport.start(c)));
        }
        List<NettyTransport> roles = new ArrayList<>();
        for (CompletableFuture<NettyTransport> f : starting) {
            roles.add(f.join());
        }
        try {
            SecureRandom rnd = new SecureRandom();
            ModelShareFile dealerFile = ModelShareFile.split(DemoModel.untrained(new Shape(3, 4, 4), 4, 7), 2, 9, 0, rnd)[2];
            SecureQuery dealer = new SecureQuery(dealerFile, 4);
            int claimed = 8 << 20; // 64 MiB of longs
            Network party0 = roles.get(0).open(1);
            party0.send(2, SecureQuery.START_TAG, new long[claimed]);
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            try (Network net = roles.get(2).open(1)) {
                NetworkException e = assertThrows(NetworkException.class, () -> dealer.dealer(net, 1, rnd));
                assertTrue(e.getMessage().contains("has " + claimed + " elements, expected 1"), e.getMessage());
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < 16L << 20, "the dealer allocated " + (allocated >> 20) + " MiB for a refused start message");
        } finally {
            roles.forEach(NettyTransport::close);
        }
    }
}
