package dev.sturdy.party.server;

import dev.sturdy.net.tls.RoleNames;
import dev.sturdy.net.tls.TlsCredentials;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import javax.net.ssl.SSLSession;

/**
 * Who is calling the client API: the common name of the client's certificate (TLS already checked
 * that the deployment CA signed it). A certificate of a role (a party or the dealer) is refused:
 * roles have no business querying, and a leaked role key must not become a client key too.
 */
final class ClientIdentity implements ServerInterceptor {
    private static final Context.Key<String> NAME = Context.key("sturdy-client");

    /** The calling client's certificate name, inside a call this interceptor let through. */
    static String current() {
        return NAME.get();
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
        String name = session == null ? null : TlsCredentials.peerName(session);
        if (name == null) {
            call.close(Status.UNAUTHENTICATED.withDescription("no client certificate"), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        if (RoleNames.isRole(name)) {
            call.close(Status.PERMISSION_DENIED.withDescription("the certificate of role '" + name
                    + "' cannot be used as a client; use a client certificate of this deployment"), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        return Contexts.interceptCall(Context.current().withValue(NAME, name), call, headers, next);
    }
}
