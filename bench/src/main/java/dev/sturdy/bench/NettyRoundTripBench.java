package dev.sturdy.bench;

import dev.sturdy.net.NettyTransport;
import dev.sturdy.net.TransportConfig;
import dev.sturdy.net.tls.CertificateAuthority;
import dev.sturdy.net.tls.RoleNames;
import dev.sturdy.protocol.net.Network;
import dev.sturdy.protocol.net.NetworkException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A round trip over the Netty transport on loopback: party 0 sends a message of {@code elements}
 * ring elements to party 1, which echoes it back (2 compute parties and the dealer connected, as
 * a deployment is), with mutual TLS 1.3 or plaintext. The score is round trips per second;
 * ":bytes" is payload bytes per second, both directions counted.
 */
@State(Scope.Benchmark)
public class NettyRoundTripBench extends ShortRun {
    private static final int PARTIES = 2;
    private static final long TAG = 0x52_54_52_49_50L;

    /** 128 elements = 1 KiB; 1,048,576 = 8 MiB. */
    @Param({"128", "1048576"})
    public int elements;

    @Param({"true", "false"})
    public boolean tls;

    private final List<NettyTransport> roles = new ArrayList<>();
    private Network sender;
    private long[] message, reply;
    private Thread echo;

    @Setup
    public void setup() {
        SecureRandom rnd = new SecureRandom();
        CertificateAuthority ca = tls ? CertificateAuthority.create("sturdy bench CA", rnd) : null;
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (int id = 0; id <= PARTIES; id++) {
            addresses.add(freeLoopbackPort());
        }
        List<CompletableFuture<NettyTransport>> starting = new ArrayList<>();
        for (int id = 0; id <= PARTIES; id++) {
            TransportConfig cfg = new TransportConfig(id, PARTIES, addresses.get(id), addresses,
                    ca == null ? null : ca.issue(RoleNames.of(id, PARTIES), List.of("localhost", "127.0.0.1")),
                    Duration.ofSeconds(60), Duration.ofSeconds(30));
            starting.add(CompletableFuture.supplyAsync(() -> NettyTransport.start(cfg)));
        }
        starting.forEach(f -> roles.add(f.join()));
        sender = roles.get(0).open(1);
        Network echoer = roles.get(1).open(1);
        message = new long[elements];
        reply = new long[elements];
        for (int i = 0; i < elements; i++) {
            message[i] = i * 0x9E3779B97F4A7C15L;
        }
        echo = new Thread(() -> echoUntilClosed(echoer, elements), "sturdy-bench-echo");
        echo.setDaemon(true);
        echo.start();
    }

    private static void echoUntilClosed(Network net, int elements) {
        long[] buf = new long[elements];
        try {
            while (true) {
                net.receive(0, TAG, buf, 0, elements);
                net.send(0, TAG, buf, 0, elements);
            }
        } catch (NetworkException closed) {
            // the benchmark's tear-down closed the transports
        }
    }

    @Benchmark
    public long[] roundTrip(Bytes work) {
        sender.send(1, TAG, message, 0, elements);
        sender.receive(1, TAG, reply, 0, elements);
        work.bytes += 16L * elements;
        return reply;
    }

    @TearDown
    public void tearDown() throws InterruptedException {
        roles.forEach(NettyTransport::close);
        echo.join(5_000);
    }

    /** A loopback address with a port that was free a moment ago. */
    private static InetSocketAddress freeLoopbackPort() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket probe = new ServerSocket(0, 1, loopback)) {
            return new InetSocketAddress(loopback, probe.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
