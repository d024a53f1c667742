package dev.sturdy.net.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guarantees of the role-to-role TLS contexts, for BoringSSL and the JDK and across them
 * (a deployment may mix hosts with and without BoringSSL): handshakes over in-VM channels with
 * certificates of the deployment CA, of another CA, with a wrong SAN, without a certificate, and
 * with TLS 1.2 only.
 */
class TlsContextsTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CertificateAuthority CA = CertificateAuthority.create("test CA", RANDOM);
    private static final CertificateAuthority OTHER_CA = CertificateAuthority.create("someone else's CA", RANDOM);
    private static final String ACCEPTOR_HOST = "party-1.example";
    private static final TlsCredentials DIALER = CA.issue(RoleNames.of(0, 2), List.of("party-0.example"));
    private static final TlsCredentials ACCEPTOR = CA.issue(RoleNames.of(1, 2), List.of(ACCEPTOR_HOST, "10.1.2.3"));
    private static final EventLoopGroup GROUP = new DefaultEventLoopGroup(2);

    @AfterAll
    static void stop() {
        GROUP.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** (acceptor's provider, dialer's provider): every pair of the providers that work here. */
    static List<Arguments> providerPairs() {
        List<SslProvider> providers = TlsProvider.boringSslWorks()
                ? List.of(SslProvider.OPENSSL, SslProvider.JDK) : List.of(SslProvider.JDK);
        List<Arguments> out = new ArrayList<>();
        for (SslProvider acceptor : providers) {
            for (SslProvider dialer : providers) {
                out.add(Arguments.of(acceptor, dialer));
            }
        }
        return out;
    }

    @Test
    void boringSslLoadsOnLinuxX8664AndIsTheDefault() {
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"));
        assertTrue(TlsProvider.boringSslWorks(), () -> "BoringSSL: " + TlsProvider.whyNotBoringSsl());
        assertEquals(SslProvider.OPENSSL, TlsProvider.forSetting("auto"));
        assertTrue(TlsProvider.describe(SslProvider.OPENSSL, "auto").contains("BoringSSL"));
    }

    @Test
    void theProviderSettingIsCheckedAndTheJdkCanBeForced() {
        assertEquals(SslProvider.JDK, TlsProvider.forSetting("jdk"));
        assertEquals("TLS between roles: JDK provider (sturdy.tls.provider=jdk)",
                TlsProvider.describe(SslProvider.JDK, "jdk"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TlsProvider.forSetting("gnutls"));
        assertEquals("sturdy.tls.provider must be auto, openssl or jdk, not 'gnutls'", e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("providerPairs")
    void rolesOfTheDeploymentCaAgreeOnTls13AndSeeEachOthersRoleName(SslProvider acceptor, SslProvider dialer)
            throws Exception {
        for (String dialed : List.of(ACCEPTOR_HOST, "10.1.2.3")) {
            Outcome o = handshake(TlsContexts.server(ACCEPTOR, acceptor), TlsContexts.client(DIALER, dialer), dialed);
            assertNull(o.acceptorError, () -> "acceptor: " + o.acceptorError);
            assertNull(o.dialerError, () -> "dialer: " + o.dialerError);
            assertEquals("TLSv1.3", o.protocol);
            assertEquals("party-0", o.acceptorSaw);
            assertEquals("party-1", o.dialerSaw);
        }
    }

    @ParameterizedTest
    @MethodSource("providerPairs")
    void anAcceptorRefusesADialerCertificateOfAnotherCa(SslProvider acceptor, SslProvider dialer) throws Exception {
        Outcome o = handshake(TlsContexts.server(ACCEPTOR, acceptor),
                TlsContexts.client(rogueTrustingOurCa(0, "party-0.example"), dialer), ACCEPTOR_HOST);
        assertTrue(o.acceptorError instanceof SSLException, () -> "acceptor: " + o.acceptorError);
    }

    @ParameterizedTest
    @MethodSource("providerPairs")
    void aDialerRefusesAnAcceptorCertificateOfAnotherCa(SslProvider acceptor, SslProvider dialer) throws Exception {
        Outcome o = handshake(TlsContexts.server(rogueTrustingOurCa(1, ACCEPTOR_HOST), acceptor),
                TlsContexts.client(DIALER, dialer), ACCEPTOR_HOST);
        assertTrue(o.dialerError instanceof SSLException, () -> "dialer: " + o.dialerError);
    }

    @ParameterizedTest
    @MethodSource("providerPairs")
    void aDialerRefusesAnAcceptorWhoseNamesDoNotIncludeTheDialedHost(SslProvider acceptor, SslProvider dialer)
            throws Exception {
        for (String dialed : List.of("party-2.example", "10.1.2.4")) {
            Outcome o = handshake(TlsContexts.server(ACCEPTOR, acceptor), TlsContexts.client(DIALER, dialer), dialed);
            assertTrue(o.dialerError instanceof SSLException, () -> dialed + ": dialer: " + o.dialerError);
        }
    }

    @ParameterizedTest
    @MethodSource("providerPairs")
    void anAcceptorRefusesADialerWithoutCertificate(SslProvider acceptor, SslProvider dialer) throws Exception {
        SslContext anonymous = SslContextBuilder.forClient().trustManager(CA.certificate()).sslProvider(dialer)
                .protocols("TLSv1.3").build();
        Outcome o = handshake(TlsContexts.server(ACCEPTOR, acceptor), anonymous, ACCEPTOR_HOST);
        assertTrue(o.acceptorError instanceof SSLException, () -> "acceptor: " + o.acceptorError);
    }

    @ParameterizedTest
    @MethodSource("providerPairs")
    void anAcceptorRefusesTls12(SslProvider acceptor, SslProvider dialer) throws Exception {
        SslContext tls12 = SslContextBuilder.forClient().keyManager(DIALER.key(), DIALER.certificate())
                .trustManager(CA.certificate()).sslProvider(dialer).protocols("TLSv1.2").build();
        Outcome o = handshake(TlsContexts.server(ACCEPTOR, acceptor), tls12, ACCEPTOR_HOST);
        assertNotNull(o.acceptorError, "a TLS 1.2 handshake succeeded");
        assertNotNull(o.dialerError, "a TLS 1.2 handshake succeeded");
    }

    /** A role certificate of another CA, with our CA as trust anchor: so only the peer can refuse it. */
    private static TlsCredentials rogueTrustingOurCa(int id, String host) {
        TlsCredentials rogue = OTHER_CA.issue(RoleNames.of(id, 2), List.of(host));
        return new TlsCredentials(rogue.key(), rogue.certificate(), CA.certificate());
    }

    /** What each side of one handshake saw: its error (null on success), the peer's role name, the protocol. */
    private record Outcome(Throwable acceptorError, Throwable dialerError, String acceptorSaw, String dialerSaw,
                           String protocol) {
    }

    private static Outcome handshake(SslContext acceptorTls, SslContext dialerTls, String dialedHost) throws Exception {
        LocalAddress address = new LocalAddress("tls-" + Long.toHexString(RANDOM.nextLong()));
        CompletableFuture<SslHandler> accepted = new CompletableFuture<>();
        Channel server = new ServerBootstrap().group(GROUP).channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                        SslHandler ssl = acceptorTls.newHandler(ch.alloc());
                        ch.pipeline().addLast(ssl, new CloseOnError());
                        accepted.complete(ssl);
                    }
                }).bind(address).sync().channel();
        SslHandler dialerSsl = dialerTls.newHandler(ByteBufAllocator.DEFAULT, dialedHost, 7000);
        Channel client = new Bootstrap().group(GROUP).channel(LocalChannel.class)
                .handler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                        ch.pipeline().addLast(dialerSsl, new CloseOnError());
                    }
                }).connect(address).sync().channel();
        try {
            SslHandler acceptorSsl = accepted.get(10, TimeUnit.SECONDS);
            assertTrue(acceptorSsl.handshakeFuture().await(10, TimeUnit.SECONDS), "acceptor handshake hangs");
            assertTrue(dialerSsl.handshakeFuture().await(10, TimeUnit.SECONDS), "dialer handshake hangs");
            Throwable acceptorError = acceptorSsl.handshakeFuture().cause();
            Throwable dialerError = dialerSsl.handshakeFuture().cause();
            if (acceptorError != null || dialerError != null) {
                return new Outcome(acceptorError, dialerError, null, null, null);
            }
            return new Outcome(null, null, peerName(acceptorSsl), peerName(dialerSsl),
                    acceptorSsl.engine().getSession().getProtocol());
        } finally {
            client.close().sync();
            server.close().sync();
        }
    }

    /** Ends the connection on a TLS error (which the handshake futures report) without a warning. */
    private static final class CloseOnError extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** The peer's role name, read the way the transport's link handler reads it. */
    private static String peerName(SslHandler ssl) throws SSLException {
        return TlsCredentials.commonName((X509Certificate) ssl.engine().getSession().getPeerCertificates()[0]);
    }
}
