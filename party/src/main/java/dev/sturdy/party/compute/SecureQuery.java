package dev.sturdy.party.compute;

import dev.sturdy.model.approx.SignPolynomials;
import dev.sturdy.model.fixed.FixedPointPolicy;
import dev.sturdy.protocol.correlation.Correlation;
import dev.sturdy.protocol.correlation.Dealer;
import dev.sturdy.protocol.correlation.PartyCorrelations;
import dev.sturdy.protocol.correlation.PreparedQuery;
import dev.sturdy.protocol.eval.SecureActivation;
import dev.sturdy.protocol.eval.SecureEvaluator;
import dev.sturdy.protocol.net.Network;
import dev.sturdy.protocol.net.NetworkException;
import dev.sturdy.protocol.prg.Seeds;
import dev.sturdy.protocol.ring.RingTensor;
import dev.sturdy.protocol.wire.Session;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One secure query of the deployed model on one stream of the transport: party 0 tells the dealer
 * the batch size (public), all roles draw fresh PRG seeds for the query (concurrent queries share
 * no PRG state), then the parties run {@link SecureEvaluator#query} on their input shares and
 * weight shares while the dealer serves the plan it derives from the structure alone, live or from
 * a query it prepared ahead ({@link #prepareAhead}). Activations: PANN at precision B with the
 * model's bound (exact ReLU when B = 0).
 */
public final class SecureQuery implements AutoCloseable {
    static final long START_TAG = 0x5354_4152_5400_0002L;

    private final ModelShareFile model;
    private final SecureEvaluator evaluator;
    private final int maxBatch;
    private final Map<Integer, List<Correlation>> plans = new ConcurrentHashMap<>();
    private volatile PreparedQueries prepared;

    public SecureQuery(ModelShareFile model, int maxBatch) {
        this.model = model;
        this.maxBatch = maxBatch;
        this.evaluator = new SecureEvaluator(model.secure(), activation(model.precisionB()));
    }

    /** What the parties put in place of ReLU and max. */
    public static SecureActivation activation(int precisionB) {
        return precisionB == 0 ? SecureActivation.exact()
                : SecureActivation.pann(SignPolynomials.forBeta(precisionB), FixedPointPolicy.DEFAULT);
    }

    public ModelShareFile model() {
        return model;
    }

    /** Runs a compute party's side; {@code input} is its share of the normalised batch [batch, C, H, W]. */
    public SecureEvaluator.Output party(Network net, long queryId, RingTensor input, SecureRandom rnd) {
        if (net.id() == 0) {
            net.send(net.dealerId(), START_TAG, new long[] {input.dim(0)});
        }
        Seeds seeds = Seeds.setup(net, rnd);
        Session s = new Session(net, net.computeParties(), new PartyCorrelations(net, seeds.dealerSeed()));
        return evaluator.query(s, queryId, model.shares(), input);
    }

    /** Runs the dealer's side of the query party 0 started on this stream; true if it was served from a prepared one. */
    public boolean dealer(Network net, long queryId, SecureRandom rnd) {
        long[] start = new long[1];
        net.receive(0, START_TAG, start, 0, 1); // a fixed length: checked before anything is allocated
        if (start[0] < 1 || start[0] > maxBatch) {
            throw new NetworkException("the dealer got a start message from party 0 with batch " + start[0]
                    + ", outside 1.." + maxBatch);
        }
        int batch = (int) start[0];
        PreparedQueries stock = prepared;
        PreparedQuery ready = stock == null ? null : stock.begin(batch);
        try {
            if (ready != null) {
                ready.serve(net, queryId);
                return true;
            }
            Seeds seeds = Seeds.setup(net, rnd);
            net.beginQuery(queryId);
            new Dealer(net, seeds, model.seeds()).serve(plan(batch));
            return false;
        } finally {
            if (stock != null) {
                stock.end();
            }
        }
    }

    private List<Correlation> plan(int batch) {
        return plans.computeIfAbsent(batch, b -> evaluator.correlationPlan(model.parties(), b));
    }

    /**
     * On the dealer: from now on keep {@code queries} queries of {@code batch} images prepared, computed
     * while no query is served; a query of that size is then served from one. Memory: one query's
     * dealer bytes each.
     */
    public void prepareAhead(int batch, int queries) {
        if (batch > maxBatch) {
            throw new IllegalArgumentException("cannot prepare queries of " + batch + " images: max.batch is " + maxBatch);
        }
        SecureRandom rnd = new SecureRandom();
        close();
        prepared = new PreparedQueries(batch, queries,
                () -> PreparedQuery.prepare(model.parties(), plan(batch), model.seeds(), rnd));
    }

    /** Waits until the queries asked for by {@link #prepareAhead} are ready. */
    public void awaitPrepared() throws InterruptedException {
        PreparedQueries stock = prepared;
        if (stock == null) {
            throw new IllegalStateException("no queries are prepared ahead");
        }
        stock.awaitReady();
    }

    /** Queries prepared ahead and ready now. */
    public int preparedCount() {
        PreparedQueries stock = prepared;
        return stock == null ? 0 : stock.readyCount();
    }

    /** Stops preparing ahead and drops what was prepared. */
    @Override
    public void close() {
        PreparedQueries stock = prepared;
        prepared = null;
        if (stock != null) {
            stock.close();
        }
    }
}
