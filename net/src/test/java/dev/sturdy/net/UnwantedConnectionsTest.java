package dev.sturdy.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connections that are not peers: they cost a role neither memory nor a log line each, and are closed in time. */
class UnwantedConnectionsTest {
    private final LoopbackRoles roles = new LoopbackRoles();

    @AfterEach
    void stop() {
        roles.close();
    }

    private static long usedHeapAfterGc(MemoryMXBean mem) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return mem.getHeapMemoryUsage().getUsed();
    }

    @Test
    void aThousandBogusConnectionsLeaveMemoryAndTheLogFlat() throws Exception {
        List<InetSocketAddress> addrs = LoopbackRoles.freeAddresses(3);
        NettyTransport[] t = roles.start(2, id -> LoopbackRoles.config(id, 2, addrs,
                LoopbackRoles.credentials(LoopbackRoles.CA, id, 2), Duration.ofSeconds(30)));
        AtomicInteger logged = new AtomicInteger();
        Handler counter = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getMessage().contains("refused")) {
                    logged.incrementAndGet();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(NettyTransport.class.getName());
        log.addHandler(counter);
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        try {
            connectAndSendGarbage(addrs.get(1), 100); // warm-up: classes, pools, TLS contexts
            long before = usedHeapAfterGc(mem);
            long refusedBefore = t[1].refusedConnections();
            connectAndSendGarbage(addrs.get(1), 1000);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (t[1].refusedConnections() - refusedBefore < 1000 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(1000, t[1].refusedConnections() - refusedBefore, "every bogus connection is refused");
            long grown = usedHeapAfterGc(mem) - before;
            assertTrue(grown < 8 << 20, "the heap grew by " + (grown >> 10) + " KiB over 1,000 refused connections");
            assertTrue(logged.get() <= 5, logged.get() + " log lines for 1,100 refused connections");
            assertEquals(0, t[1].streamCount(), "no stream state was created");
        } finally {
            log.removeHandler(counter);
        }
    }

    private static void connectAndSendGarbage(InetSocketAddress at, int times) throws Exception {
        byte[] garbage = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes();
        for (int i = 0; i < times; i++) {
            try (Socket s = new Socket(at.getAddress(), at.getPort())) {
                OutputStream out = s.getOutputStream();
                out.write(garbage);
                out.flush();
                s.setSoTimeout(5000);
                while (s.getInputStream().read() >= 0) {
                    // the role answers with a TLS alert, then closes
                }
            }
        }
    }

    @Test
    void aConnectionThatNeverSaysHelloIsClosedWithinTheHelloTimeout() throws Exception {
        for (boolean tls : new boolean[] {true, false}) {
            roles.close();
            List<InetSocketAddress> a = LoopbackRoles.freeAddresses(3);
            NettyTransport[] t = roles.start(2, id -> LoopbackRoles.config(id, 2, a,
                    tls ? LoopbackRoles.credentials(LoopbackRoles.CA, id, 2) : null, Duration.ofSeconds(30),
                    Duration.ofSeconds(3)));
            assertEquals(3000, t[1].helloTimeoutMillis());
            long refusedBefore = t[1].refusedConnections();
            try (Socket s = new Socket(a.get(1).getAddress(), a.get(1).getPort())) {
                s.setSoTimeout(10_000);
                InputStream in = s.getInputStream();
                try {
                    while (in.read() >= 0) {
                        // nothing comes but the close (or a TLS alert before it)
                    }
                } catch (SocketTimeoutException e) {
                    throw new AssertionError((tls ? "TLS" : "plaintext") + ": a silent connection was still open after 10 s");
                }
            }
            assertEquals(refusedBefore + 1, t[1].refusedConnections(), tls ? "TLS" : "plaintext");
        }
    }
}
