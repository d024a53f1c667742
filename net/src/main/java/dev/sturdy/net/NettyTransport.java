package dev.sturdy.net;

import dev.sturdy.net.tls.RoleNames;
import dev.sturdy.net.tls.TlsContexts;
import dev.sturdy.net.tls.TlsCredentials;
import dev.sturdy.protocol.net.Network;
import dev.sturdy.protocol.net.NetworkException;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutionException;
import java.util.function.ToLongFunction;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * One role's connections to every other role over TCP (one connection per pair, shared by all
 * queries), with mutual TLS 1.3. The lower id dials the higher one and both send a HELLO naming
 * their id, which must match the peer's certificate; dialing is retried until every peer is up,
 * and after a connection is lost the dialer keeps redialing until {@link #close}.
 *
 * <p>Queries run concurrently on {@link #open streams}: each stream is a {@link Network} endpoint
 * of its own whose frames carry the stream id, so frames of different queries never mix.
 */
public final class NettyTransport implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NettyTransport.class.getName());
    private static final int SOCKET_BUFFER = 4 << 20;
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(8 << 20, 32 << 20);
    private static final long MAX_REDIAL_DELAY_MS = 2000;
    private static final long FLUSH_ON_CLOSE_MS = 2000;

    private final TransportConfig cfg;
    private final String self;
    private final EventLoopGroup group;
    private final PeerLink[] links;
    private final SslContext serverTls;
    private final SslContext clientTls;
    private final RefusalLog refusals = new RefusalLog(LOG);
    private volatile String fatal;
    private volatile StreamListener streamListener;
    private volatile boolean closed;
    private Channel server;

    private NettyTransport(TransportConfig cfg) {
        this.cfg = cfg;
        this.self = cfg.nameOf(cfg.id());
        this.links = new PeerLink[cfg.computeParties() + 1];
        for (int p = 0; p < links.length; p++) {
            if (p != cfg.id()) {
                links[p] = new PeerLink(self, p, cfg.nameOf(p), cfg.link(), SOCKET_BUFFER,
                        FlowControl.between(cfg.id(), p, cfg.computeParties()));
            }
        }
        TlsCredentials tls = cfg.tls();
        serverTls = tls == null ? null : TlsContexts.server(tls);
        clientTls = tls == null ? null : TlsContexts.client(tls);
        group = new NioEventLoopGroup(2, new DefaultThreadFactory("sturdy-net-" + cfg.id(), true));
    }

    /** Listens, dials the higher ids and returns once every peer is connected. */
    public static NettyTransport start(TransportConfig cfg) {
        return start(cfg, null);
    }

    /** As {@link #start(TransportConfig)}, telling {@code listener} of streams peers start (may be null). */
    public static NettyTransport start(TransportConfig cfg, StreamListener listener) {
        NettyTransport t = new NettyTransport(cfg);
        t.streamListener = listener;
        try {
            t.listen();
            for (int p = cfg.id() + 1; p <= cfg.computeParties(); p++) {
                t.dial(p, 0);
            }
            t.awaitPeers();
            long sweepMs = Math.max(1000, cfg.receiveTimeout().toMillis());
            t.group.scheduleAtFixedRate(t::sweep, sweepMs, sweepMs, TimeUnit.MILLISECONDS);
            t.refusals.startupOver();
            return t;
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
    }

    public TransportConfig config() {
        return cfg;
    }

    /**
     * This role's endpoint of stream {@code stream}; every role must open the same stream id for
     * one query.
     *
     * @throws StreamReusedException when a stream of this id ended here less than
     *                               {@link #tombstoneSeconds} ago
     */
    public Network open(long stream) {
        if (closed) {
            throw new NetworkException(self + ": the transport is closed");
        }
        return new StreamEndpoint(this, stream);
    }

    /** Told when a peer starts a stream this role has not opened yet (e.g. the dealer learns of a query). */
    @FunctionalInterface
    public interface StreamListener {
        /** Called on a network thread: hand the work to another thread. */
        void started(int peer, long stream);
    }

    void streamStarted(int peer, long stream) {
        StreamListener l = streamListener;
        if (l != null) {
            l.started(peer, stream);
        }
    }

    /** True when every peer is connected right now. */
    public boolean allConnected() {
        for (PeerLink l : links) {
            if (l != null && (l.channel() == null || !l.channel().isActive())) {
                return false;
            }
        }
        return !closed;
    }

    PeerLink link(int peer) {
        return links[peer];
    }

    String self() {
        return self;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server != null) {
            server.close();
        }
        for (PeerLink l : links) {
            if (l != null) {
                l.flush(FLUSH_ON_CLOSE_MS);
            }
        }
        for (PeerLink l : links) {
            if (l != null && l.channel() != null) {
                l.channel().close();
            }
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        for (PeerLink l : links) {
            if (l != null) {
                l.closeAllStreams();
            }
        }
    }

    private void listen() {
        if (cfg.id() == 0) {
            return; // lower ids dial higher ones: nobody dials party 0
        }
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_SNDBUF, SOCKET_BUFFER)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler ssl = serverTls == null ? null : serverTls.newHandler(ch.alloc());
                        pipeline(ch, ssl, -1);
                    }
                });
        try {
            server = b.bind(cfg.bind()).sync().channel();
        } catch (Exception e) {
            throw new NetworkException(self + ": cannot listen on " + cfg.bind() + ": " + e.getMessage(), e);
        }
    }

    private void dial(int peer, long delayMs) {
        if (closed) {
            return;
        }
        InetSocketAddress addr = cfg.addresses().get(peer);
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER)
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 3000)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler ssl = null;
                        if (clientTls != null) {
                            ssl = clientTls.newHandler(ch.alloc(), addr.getHostString(), addr.getPort());
                        }
                        pipeline(ch, ssl, peer);
                    }
                });
        Runnable attempt = () -> b.connect(addr).addListener(f -> {
            if (f.isSuccess()) {
                ((io.netty.channel.ChannelFuture) f).channel().closeFuture().addListener(c -> redialIfDown(peer));
            } else {
                dial(peer, Math.min(MAX_REDIAL_DELAY_MS, Math.max(100, 2 * delayMs)));
            }
        });
        if (delayMs == 0) {
            attempt.run();
        } else if (!closed) {
            group.schedule(attempt, delayMs, TimeUnit.MILLISECONDS);
        }
    }

    /** After a dialed connection closed: dial again unless a newer connection is already up. */
    private void redialIfDown(int peer) {
        Channel current = links[peer].channel();
        if (!closed && (current == null || !current.isActive())) {
            dial(peer, 500);
        }
    }

    private void pipeline(SocketChannel ch, SslHandler ssl, int expectedPeer) {
        ChannelPipeline p = ch.pipeline();
        if (ssl != null) {
            SSLEngine engine = ssl.engine();
            SSLParameters params = engine.getSSLParameters();
            params.setProtocols(new String[] {"TLSv1.3"});
            engine.setSSLParameters(params);
            ssl.setHandshakeTimeoutMillis(helloTimeoutMillis());
            p.addLast("tls", ssl);
        }
        p.addLast("frames", new LengthFieldBasedFrameDecoder(4 + Frames.MAX_FRAME, 0, 4, 0, 4));
        p.addLast("link", new LinkHandler(this, expectedPeer, ssl));
    }

    private void awaitPeers() {
        long deadline = System.nanoTime() + cfg.startTimeout().toNanos();
        for (PeerLink l : links) {
            if (l == null) {
                continue;
            }
            while (true) {
                if (fatal != null) {
                    throw new NetworkException(fatal);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new NetworkException(self + ": " + l.name + " did not connect within "
                            + cfg.startTimeout().toSeconds() + " s"
                            + (refusals.kept().isEmpty() ? "" : "; refused: " + refusals.kept()));
                }
                try {
                    l.firstConnected.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
                    break;
                } catch (TimeoutException e) {
                    // check for a fatal error, then wait on
                } catch (ExecutionException e) {
                    throw new NetworkException(self + ": " + e.getCause().getMessage(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new NetworkException(self + ": interrupted while connecting", e);
                }
            }
        }
    }

    /** How long an accepted connection may take to finish TLS and send its HELLO before it is closed. */
    long helloTimeoutMillis() {
        return Math.min(10_000, cfg.startTimeout().toMillis());
    }

    /** How long a closed stream's id stays refused, and an unclaimed stream's frames are kept: 2x the receive timeout. */
    long tombstoneSeconds() {
        return Math.max(1, 2 * cfg.receiveTimeout().toSeconds());
    }

    /** Connections refused since start (bogus connects, wrong certificates, wrong roles). */
    public long refusedConnections() {
        return refusals.total();
    }

    /** Bytes held for streams no endpoint here has opened, over all peers (the cap is per peer). */
    public long unclaimedBytes() {
        return sumOverPeers(PeerLink::unclaimedBytes);
    }

    /** Time this role's senders waited for peers to read (the dealer: its window over a party was full). */
    public long sendWaitNanos() {
        return sumOverPeers(PeerLink::sendWaitNanos);
    }

    /** Streams of which this role holds state, tombstones of recently closed ones included. */
    public long streamCount() {
        return sumOverPeers(PeerLink::streamCount);
    }

    private long sumOverPeers(ToLongFunction<PeerLink> f) {
        long sum = 0;
        for (PeerLink l : links) {
            if (l != null) {
                sum += f.applyAsLong(l);
            }
        }
        return sum;
    }

    private void sweep() {
        long maxAge = 2 * cfg.receiveTimeout().toNanos();
        for (PeerLink l : links) {
            if (l != null) {
                l.sweep(maxAge);
            }
        }
    }

    // --- called by LinkHandler on the event loop ---

    /**
     * A connection could not be established or identified. On the dialing side of start-up this is
     * fatal (a certificate from another CA, or the wrong role, does not get better by retrying).
     */
    void refuse(int expectedPeer, Channel ch, String reason) {
        String who = expectedPeer >= 0 ? cfg.nameOf(expectedPeer) + " at " + cfg.addresses().get(expectedPeer)
                : "a connection from " + ch.remoteAddress();
        String msg = self + ": refused " + who + ": " + reason;
        refusals.add(msg);
        if (expectedPeer >= 0 && !links[expectedPeer].firstConnected.isDone()) {
            fatal = msg;
        }
        ch.close();
    }

    /** Checks a peer's HELLO against the connection; returns an error or null when the peer is accepted. */
    String checkHello(int expectedPeer, int magic, int version, int peer, int parties, String certName) {
        if (magic != Frames.MAGIC || version != Frames.VERSION) {
            return "not a Sturdy peer of protocol version " + Frames.VERSION;
        }
        if (parties != cfg.computeParties()) {
            return "it runs with " + parties + " compute parties, this role with " + cfg.computeParties();
        }
        if (peer < 0 || peer > cfg.computeParties() || peer == cfg.id()) {
            return "it claims the invalid id " + peer;
        }
        if (expectedPeer >= 0 ? peer != expectedPeer : peer > cfg.id()) {
            return "it claims to be " + cfg.nameOf(peer) + ", which is not who "
                    + (expectedPeer >= 0 ? "was dialed" : "dials this role (lower ids dial higher ones)");
        }
        if (cfg.tls() != null && !RoleNames.of(peer, parties).equals(certName)) {
            return "it claims to be " + cfg.nameOf(peer) + " but its certificate is for '" + certName + "'";
        }
        return null;
    }

    void connected(int peer, Channel ch) {
        links[peer].up(ch);
        ch.closeFuture().addListener(f -> links[peer].down(ch, "the connection closed"));
    }

    void lost(int peer, Channel ch, String reason) {
        links[peer].down(ch, reason);
        if (!closed) {
            LOG.log(System.Logger.Level.WARNING, self + ": lost the connection to " + cfg.nameOf(peer) + ": " + reason);
        }
    }
}
