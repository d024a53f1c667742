package dev.sturdy.party.server;

import dev.sturdy.net.NettyTransport;
import dev.sturdy.party.compute.ActivationRange;
import dev.sturdy.party.compute.ModelShareFile;
import dev.sturdy.party.compute.SecureQuery;
import dev.sturdy.party.config.RoleConfig;
import dev.sturdy.net.tls.RoleNames;
import dev.sturdy.party.metrics.MetricsEndpoint;
import dev.sturdy.party.metrics.RoleMetrics;
import dev.sturdy.party.wire.FrameLogging;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A compute party process: the client API over TLS gRPC, up at once (Health says NOT_SERVING
 * until the other roles are connected), and the transport to the other roles, connecting in the
 * background.
 */
public final class PartyServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PartyServer.class.getName());
    /** Room for the largest share a valid request can carry, plus the protobuf envelope. */
    private static final int ENVELOPE = 1 << 16;

    private final Server grpc;
    private final AtomicReference<NettyTransport> transport = new AtomicReference<>();
    private final CompletableFuture<NettyTransport> connecting;
    private final RoleMetrics metrics;
    private final MetricsEndpoint metricsEndpoint;

    private PartyServer(RoleConfig cfg) throws IOException {
        if (cfg.dealer()) {
            throw new IllegalArgumentException("this is the dealer's configuration; run 'sturdy dealer'");
        }
        ModelShareFile model = ModelShareFile.load(cfg.modelShare());
        cfg.requireMatching(model.role(), model.parties(), model.fractionalBits(), model.precisionB());
        LOG.log(System.Logger.Level.INFO, "party " + cfg.id() + ": " + ActivationRange.describe(model.structure()));
        FrameLogging.pin();
        metrics = new RoleMetrics(RoleNames.of(cfg.id(), cfg.parties()));
        int maxShareBytes = 8 * cfg.maxBatch() * model.structure().graph().input().size();
        grpc = NettyServerBuilder.forAddress(cfg.grpcListen())
                .sslContext(GrpcTls.server(cfg.tls()))
                .maxInboundMessageSize(maxShareBytes + ENVELOPE)
                .addService(ServerInterceptors.intercept(
                        new InferenceService(cfg, new SecureQuery(model, cfg.maxBatch()), transport::get, metrics),
                        new ClientIdentity()))
                .build()
                .start();
        var transportConfig = cfg.transport();
        connecting = CompletableFuture.supplyAsync(() -> NettyTransport.start(transportConfig));
        connecting.thenAccept(t -> {
            transport.set(t);
            metrics.gauges(RoleMetrics.Gauges.of(t));
        });
        metricsEndpoint = MetricsEndpoint.startIfConfigured(cfg.metricsListen(), metrics, this::connectedToAll);
    }

    /** The port of the metrics endpoint, -1 when {@code metrics.listen} is not set. */
    public int metricsPort() {
        return metricsEndpoint == null ? -1 : metricsEndpoint.port();
    }

    public static PartyServer start(RoleConfig cfg) throws IOException {
        return new PartyServer(cfg);
    }

    public int grpcPort() {
        return grpc.getPort();
    }

    /** True when every other role is connected right now (what Health reports as SERVING). */
    public boolean connectedToAll() {
        NettyTransport t = transport.get();
        return t != null && t.allConnected();
    }

    /** Blocks until the other roles are connected; throws what went wrong if they never were. */
    public void awaitConnected() {
        connecting.join();
    }

    /** Blocks until the process is stopped, or the transport failed to come up (rethrown). */
    public void awaitTermination() throws InterruptedException {
        awaitConnected();
        grpc.awaitTermination();
    }

    @Override
    public void close() {
        if (metricsEndpoint != null) {
            metricsEndpoint.close();
        }
        grpc.shutdown();
        try {
            if (!grpc.awaitTermination(5, TimeUnit.SECONDS)) {
                grpc.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            grpc.shutdownNow();
        }
        // now if connected, else as soon as the start-up finishes (it ends by its own timeout at the latest)
        connecting.thenAccept(NettyTransport::close);
    }

}
