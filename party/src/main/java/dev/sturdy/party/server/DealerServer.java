package dev.sturdy.party.server;

import dev.sturdy.net.NettyTransport;
import dev.sturdy.party.compute.ModelShareFile;
import dev.sturdy.party.compute.SecureQuery;
import dev.sturdy.party.config.RoleConfig;
import dev.sturdy.protocol.net.Network;
import dev.sturdy.protocol.net.NetworkException;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The dealer process: connected to every compute party, it serves each query that party 0 starts
 * (a new stream) on a pool thread. It holds the model's public structure only (no weight share)
 * and receives only the batch size of a query, never a share.
 */
public final class DealerServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DealerServer.class.getName());
    /** Queries served at once; more wait their turn (each is short: the parties wait within their timeout). */
    private static final int CONCURRENT_QUERIES = 16;

    private final NettyTransport transport;
    private final ExecutorService pool;
    private final SecureRandom random = new SecureRandom();
    private final SecureQuery query;

    private DealerServer(RoleConfig cfg) throws IOException {
        if (!cfg.dealer()) {
            throw new IllegalArgumentException("this is compute party " + cfg.id() + "'s configuration; run 'sturdy party'");
        }
        ModelShareFile model = ModelShareFile.load(cfg.modelShare());
        cfg.requireMatching(model.role(), model.parties(), model.fractionalBits(), model.precisionB());
        query = new SecureQuery(model, cfg.maxBatch());
        pool = Executors.newFixedThreadPool(CONCURRENT_QUERIES, r -> {
            Thread t = new Thread(r, "sturdy-dealer-query");
            t.setDaemon(true);
            return t;
        });
        transport = NettyTransport.start(cfg.transport(), (peer, stream) -> {
            if (peer == 0) {
                pool.execute(() -> serve(stream));
            }
        });
    }

    /** Starts the dealer; returns once every compute party is connected. */
    public static DealerServer start(RoleConfig cfg) throws IOException {
        return new DealerServer(cfg);
    }

    private void serve(long stream) {
        try (Network net = transport.open(stream)) {
            query.dealer(net, stream, random);
        } catch (NetworkException e) {
            LOG.log(System.Logger.Level.WARNING, "query " + stream + " failed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        transport.close();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
