package dev.sturdy.net;

import dev.sturdy.net.tls.CertificateAuthority;
import dev.sturdy.net.tls.RoleNames;
import dev.sturdy.net.tls.TlsCredentials;
import dev.sturdy.protocol.net.Network;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/** Starts every role's {@link NettyTransport} on loopback (in threads, as start blocks until all peers are up). */
final class LoopbackRoles implements AutoCloseable {
    static final SecureRandom RANDOM = new SecureRandom();
    static final CertificateAuthority CA = CertificateAuthority.create("sturdy test CA", RANDOM);

    private final List<NettyTransport> started = new ArrayList<>();

    static List<InetSocketAddress> freeAddresses(int n) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            try (ServerSocket s = new ServerSocket(0)) {
                out.add(new InetSocketAddress("127.0.0.1", s.getLocalPort()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    static TlsCredentials credentials(CertificateAuthority ca, int id, int parties) {
        return ca.issue(RoleNames.of(id, parties), List.of("localhost", "127.0.0.1"));
    }

    static TransportConfig config(int id, int parties, List<InetSocketAddress> addrs, TlsCredentials tls,
                                  Duration receiveTimeout) {
        return config(id, parties, addrs, tls, receiveTimeout, Duration.ofSeconds(20));
    }

    static TransportConfig config(int id, int parties, List<InetSocketAddress> addrs, TlsCredentials tls,
                                  Duration receiveTimeout, Duration startTimeout) {
        return new TransportConfig(id, parties, addrs.get(id), addrs, tls, receiveTimeout, startTimeout);
    }

    /** Every role's transport, TLS with certificates of the test CA (or plaintext when {@code tls} is false). */
    NettyTransport[] start(int parties, boolean tls, Duration receiveTimeout) {
        List<InetSocketAddress> addrs = freeAddresses(parties + 1);
        return start(parties, id -> config(id, parties, addrs, tls ? credentials(CA, id, parties) : null, receiveTimeout));
    }

    /** Starts roles 0..parties with the given configs (the config decides the actual role). */
    NettyTransport[] start(int parties, IntFunction<TransportConfig> configs) {
        List<CompletableFuture<NettyTransport>> fs = new ArrayList<>();
        for (int id = 0; id <= parties; id++) {
            fs.add(startAsync(configs.apply(id)));
        }
        NettyTransport[] out = new NettyTransport[parties + 1];
        for (int id = 0; id <= parties; id++) {
            out[id] = fs.get(id).join();
        }
        return out;
    }

    /** Starts one role on its own thread; it is closed with the others even if the test never joins it. */
    CompletableFuture<NettyTransport> startAsync(TransportConfig c) {
        return CompletableFuture.supplyAsync(() -> {
            NettyTransport t = NettyTransport.start(c);
            synchronized (started) {
                started.add(t);
            }
            return t;
        }, runnable -> new Thread(runnable).start());
    }

    /** One stream's endpoints of every role. */
    static Network[] open(NettyTransport[] roles, long stream) {
        Network[] eps = new Network[roles.length];
        for (int i = 0; i < roles.length; i++) {
            eps[i] = roles[i].open(stream);
        }
        return eps;
    }

    @Override
    public void close() {
        synchronized (started) {
            started.forEach(NettyTransport::close);
            started.clear();
        }
    }
}
