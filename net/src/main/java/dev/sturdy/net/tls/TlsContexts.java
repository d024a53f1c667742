package dev.sturdy.net.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;

/**
 * Netty TLS contexts between roles: TLS 1.3 only, JDK provider, mutual authentication, and the
 * deployment CA as the only trust anchor (so certificates from any other CA fail the handshake).
 */
public final class TlsContexts {
    private static final String[] PROTOCOLS = {"TLSv1.3"};

    private TlsContexts() {
    }

    public static SslContext server(TlsCredentials c) {
        try {
            return SslContextBuilder.forServer(c.key(), c.certificate())
                    .trustManager(c.ca())
                    .clientAuth(ClientAuth.REQUIRE)
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    .build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot build the TLS server context of " + c.commonName() + ": "
                    + e.getMessage(), e);
        }
    }

    public static SslContext client(TlsCredentials c) {
        try {
            return SslContextBuilder.forClient()
                    .keyManager(c.key(), c.certificate())
                    .trustManager(c.ca())
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    .endpointIdentificationAlgorithm("HTTPS")
                    .build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot build the TLS client context of " + c.commonName() + ": "
                    + e.getMessage(), e);
        }
    }
}
