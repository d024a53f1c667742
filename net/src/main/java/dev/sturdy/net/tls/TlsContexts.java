package dev.sturdy.net.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;

/**
 * Netty TLS contexts between roles: TLS 1.3 only, mutual authentication, the deployment CA as
 * the only trust anchor (so certificates from any other CA fail the handshake), and on the
 * dialing side the peer's subject alternative names checked against the dialed host. The same
 * guarantees hold with either provider {@link TlsProvider} chose: BoringSSL or the JDK.
 */
public final class TlsContexts {
    private static final String[] PROTOCOLS = {"TLSv1.3"};

    private TlsContexts() {
    }

    public static SslContext server(TlsCredentials c) {
        return server(c, TlsProvider.chosen());
    }

    public static SslContext client(TlsCredentials c) {
        return client(c, TlsProvider.chosen());
    }

    static SslContext server(TlsCredentials c, SslProvider provider) {
        try {
            return SslContextBuilder.forServer(c.key(), c.certificate())
                    .trustManager(c.ca())
                    .clientAuth(ClientAuth.REQUIRE)
                    .sslProvider(provider)
                    .protocols(PROTOCOLS)
                    .build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot build the TLS server context of " + c.commonName() + ": "
                    + e.getMessage(), e);
        }
    }

    static SslContext client(TlsCredentials c, SslProvider provider) {
        try {
            return SslContextBuilder.forClient()
                    .keyManager(c.key(), c.certificate())
                    .trustManager(c.ca())
                    .sslProvider(provider)
                    .protocols(PROTOCOLS)
                    .endpointIdentificationAlgorithm("HTTPS")
                    .build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot build the TLS client context of " + c.commonName() + ": "
                    + e.getMessage(), e);
        }
    }
}
