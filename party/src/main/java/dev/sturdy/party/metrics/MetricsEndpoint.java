package dev.sturdy.party.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * GET /metrics over plain HTTP on an opt-in address ({@code metrics.listen}): bind it to loopback
 * or an operators' network, as it has no TLS (the text holds counts and times only). Also
 * /healthz (200 while the process serves HTTP) and /readyz (200 when the role is connected to
 * every other role, what the gRPC Health reports as SERVING; 503 before): probes for an
 * orchestrator, which cannot speak the client API's mutual TLS.
 */
public final class MetricsEndpoint implements AutoCloseable {
    private final HttpServer server;

    private MetricsEndpoint(HttpServer server) {
        this.server = server;
    }

    /** Serves {@code metrics} at {@code listen}; null (and nothing served) when {@code listen} is null. */
    public static MetricsEndpoint startIfConfigured(InetSocketAddress listen, RoleMetrics metrics, BooleanSupplier ready)
            throws IOException {
        if (listen == null) {
            return null;
        }
        HttpServer server = HttpServer.create(listen, 8);
        server.createContext("/healthz", exchange -> reply(exchange, 200, "ok\n"));
        server.createContext("/readyz", exchange -> {
            boolean up = ready.getAsBoolean();
            reply(exchange, up ? 200 : 503, up ? "connected to every role\n" : "waiting for the other roles\n");
        });
        server.createContext("/metrics", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return new MetricsEndpoint(server);
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
