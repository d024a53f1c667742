package dev.sturdy.party.server;

import dev.sturdy.net.NettyTransport;
import dev.sturdy.party.compute.ModelShareFile;
import dev.sturdy.party.compute.SecureQuery;
import dev.sturdy.net.tls.RoleNames;
import dev.sturdy.party.config.RoleConfig;
import dev.sturdy.party.metrics.MetricsEndpoint;
import dev.sturdy.party.metrics.RoleMetrics;
import dev.sturdy.protocol.net.Network;
import dev.sturdy.protocol.net.NetworkException;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The dealer process: connected to every compute party, it serves each query that party 0 starts
 * (a new stream) on a pool thread. It holds the model's public structure only (no weight share)
 * and receives only the batch size of a query, never a share. It serves at most twice the
 * parties' {@code max.queries} at once (room for queries that are ending); a query beyond that is
 * stopped at once on every party rather than queued. While idle it computes {@code dealer.prepared}
 * queries of {@code dealer.prepared.batch} images ahead, so that such a query's latency does not
 * include the dealer's work.
 */
public final class DealerServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DealerServer.class.getName());

    /** Set once every compute party has connected (start blocks until then). */
    private volatile NettyTransport transport;
    private final ExecutorService pool;
    private final SecureRandom random = new SecureRandom();
    private final SecureQuery query;
    private final RoleMetrics metrics = new RoleMetrics(RoleNames.DEALER);
    private final MetricsEndpoint metricsEndpoint;
    private final int threads;

    private DealerServer(RoleConfig cfg) throws IOException {
        if (!cfg.dealer()) {
            throw new IllegalArgumentException("this is compute party " + cfg.id() + "'s configuration; run 'sturdy party'");
        }
        ModelShareFile model = ModelShareFile.load(cfg.modelShare());
        cfg.requireMatching(model.role(), model.parties(), model.fractionalBits(), model.precisionB());
        query = new SecureQuery(model, cfg.maxBatch());
        if (cfg.dealerPrepared() > 0) {
            query.prepareAhead(cfg.dealerPreparedBatch(), cfg.dealerPrepared());
        }
        threads = 2 * cfg.maxQueries();
        pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "sturdy-dealer-query");
            t.setDaemon(true);
            return t;
        });
        // up before the transport, which waits for every party: an orchestrator's liveness probe sees it at once
        metricsEndpoint = MetricsEndpoint.startIfConfigured(cfg.metricsListen(), metrics,
                () -> transport != null && transport.allConnected());
        try {
            transport = NettyTransport.start(cfg.transport(), this::started);
        } catch (RuntimeException e) {
            if (metricsEndpoint != null) {
                metricsEndpoint.close();
            }
            query.close();
            throw e;
        }
        metrics.gauges(RoleMetrics.Gauges.of(transport));
        metrics.preparedQueries(query::preparedCount);
    }

    /** Party 0 started a query (a new stream): served on a pool thread, or stopped at once when all are busy. */
    private void started(int peer, long stream) {
        if (peer == 0) {
            try {
                pool.execute(() -> serve(stream));
            } catch (RejectedExecutionException e) {
                refuse(stream, "the dealer is serving its maximum of " + threads + " queries");
            }
        }
    }

    /** Starts the dealer; returns once every compute party is connected. */
    public static DealerServer start(RoleConfig cfg) throws IOException {
        return new DealerServer(cfg);
    }

    private void serve(long stream) {
        long start = System.nanoTime();
        try (Network net = transport.open(stream)) {
            try {
                if (query.dealer(net, stream, random)) {
                    metrics.servedPrepared();
                }
                metrics.finished((System.nanoTime() - start) / 1e9, 0, net.stats().totalBytesSent());
            } catch (RuntimeException e) {
                metrics.failed();
                net.abandon("query " + stream + " failed on the dealer: " + e.getClass().getSimpleName());
                throw e;
            }
        } catch (NetworkException e) {
            LOG.log(System.Logger.Level.WARNING, "query " + stream + " failed: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "query " + stream + " failed: " + e.getClass().getName(), e);
        }
    }

    /** Stops a query on every party without serving it (called on a network thread: nothing blocks). */
    private void refuse(long stream, String reason) {
        metrics.refused();
        LOG.log(System.Logger.Level.WARNING, "query " + stream + " refused: " + reason);
        try (Network net = transport.open(stream)) {
            net.abandon(reason);
        } catch (NetworkException e) {
            // the id was refused already
        }
    }

    /** The port of the metrics endpoint, -1 when {@code metrics.listen} is not set. */
    public int metricsPort() {
        return metricsEndpoint == null ? -1 : metricsEndpoint.port();
    }

    @Override
    public void close() {
        if (metricsEndpoint != null) {
            metricsEndpoint.close();
        }
        pool.shutdownNow();
        query.close();
        transport.close();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
