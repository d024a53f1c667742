package dev.sturdy.party.server;

import dev.sturdy.net.tls.TlsCredentials;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;

/**
 * TLS of the client API (gRPC's shaded Netty): TLS 1.3, mutual authentication, and the deployment
 * CA as the only trust anchor on both sides, so clients need a certificate from this deployment.
 */
public final class GrpcTls {
    private GrpcTls() {
    }

    public static SslContext server(TlsCredentials c) {
        try {
            return GrpcSslContexts.configure(SslContextBuilder.forServer(c.key(), c.certificate()), SslProvider.JDK)
                    .trustManager(c.ca())
                    .clientAuth(ClientAuth.REQUIRE)
                    .protocols("TLSv1.3")
                    .build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot build the gRPC TLS server context: " + e.getMessage(), e);
        }
    }

    public static SslContext client(TlsCredentials c) {
        try {
            return GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
                    .keyManager(c.key(), c.certificate())
                    .trustManager(c.ca())
                    .protocols("TLSv1.3")
                    .build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot build the gRPC TLS client context: " + e.getMessage(), e);
        }
    }
}
