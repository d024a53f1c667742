package dev.sturdy.party.metrics;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * GET /metrics over plain HTTP on an opt-in address ({@code metrics.listen}): bind it to loopback
 * or an operators' network, as it has no TLS (the text holds counts and times only).
 */
public final class MetricsEndpoint implements AutoCloseable {
    private final HttpServer server;

    private MetricsEndpoint(HttpServer server) {
        this.server = server;
    }

    /** Serves {@code metrics} at {@code listen}; null (and nothing served) when {@code listen} is null. */
    public static MetricsEndpoint startIfConfigured(InetSocketAddress listen, RoleMetrics metrics) throws IOException {
        if (listen == null) {
            return null;
        }
        HttpServer server = HttpServer.create(listen, 8);
        server.createContext("/metrics", exchange -> {
            byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return new MetricsEndpoint(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
