package dev.sturdy.deploy.bench;

import dev.sturdy.deploy.DeploymentWriter;
import dev.sturdy.model.json.Json;
import dev.sturdy.net.NettyTransport;
import dev.sturdy.party.compute.ModelShareFile;
import dev.sturdy.party.compute.SecureQuery;
import dev.sturdy.protocol.cost.CostReport;
import dev.sturdy.protocol.cost.WaitTimingNetwork;
import dev.sturdy.protocol.correlation.Correlation;
import dev.sturdy.protocol.correlation.Dealer;
import dev.sturdy.protocol.correlation.PartyCorrelations;
import dev.sturdy.protocol.eval.CorrelationPlanner;
import dev.sturdy.protocol.eval.SecureEvaluator;
import dev.sturdy.protocol.net.Network;
import dev.sturdy.protocol.prg.Prg;
import dev.sturdy.protocol.prg.Seed;
import dev.sturdy.protocol.prg.Seeds;
import dev.sturdy.protocol.ring.FixedPoint;
import dev.sturdy.protocol.ring.RingTensor;
import dev.sturdy.protocol.wire.Session;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One role of a bench run, in its own process: connects to the others ({@link BenchPlan}), runs
 * every job (a warm-up, then the repetitions; each run on a stream of its own) and prints one JSON
 * line per job on standard output: the seconds of every run and the costs of the last one. A
 * compute party writes its share of the last run's model output to {@code out/job-J.share} in its
 * role directory, for the launcher to check; nothing printed holds a value.
 */
public final class BenchWorker {
    private static final long FINISH_STREAM = 1;
    private static final long PREPARED_TAG = 0x5052_4550_0000_0001L;

    private final BenchPlan plan;
    private final Path dir;
    private final int id;
    private final SecureRandom rnd = new SecureRandom();
    private final Map<String, ModelShareFile> shareFiles = new HashMap<>();

    public BenchWorker(Path dir, int id) throws IOException {
        this.dir = dir;
        this.plan = BenchPlan.load(dir);
        this.id = id;
        if (id < 0 || id > plan.parties()) {
            throw new IllegalArgumentException("role " + id + " out of range 0.." + plan.parties());
        }
    }

    public void run(PrintStream out) throws IOException {
        try (NettyTransport t = NettyTransport.start(plan.transport(dir, id))) {
            List<BenchJob> jobs = plan.jobs();
            for (int j = 0; j < jobs.size(); j++) {
                BenchJob job = jobs.get(j);
                Map<String, Object> line = job.kind() == BenchJob.Kind.MODEL ? model(t, j, job) : elementwise(t, j, job);
                line.put("job", (long) j);
                line.put("role", (long) id);
                out.println(Json.write(line));
                out.flush();
            }
            finish(t);
        }
    }

    /**
     * Every role tells every other that it is done and waits for theirs: a role that closed while a
     * peer still waited for its last message would fail that peer.
     */
    private void finish(NettyTransport t) {
        try (Network net = t.open(FINISH_STREAM)) {
            net.beginQuery(FINISH_STREAM);
            for (int p = 0; p <= plan.parties(); p++) {
                if (p != id) {
                    net.send(p, FINISH_STREAM, new long[] {1});
                }
            }
            for (int p = 0; p <= plan.parties(); p++) {
                if (p != id) {
                    net.receive(p, FINISH_STREAM);
                }
            }
        }
    }

    private boolean dealer() {
        return id == plan.parties();
    }

    private static long stream(int job, int run) {
        return 1000L * (job + 1) + run;
    }

    private Map<String, Object> model(NettyTransport t, int j, BenchJob job) throws IOException {
        ModelShareFile file = shareFile(job.shares());
        SecureQuery query = new SecureQuery(new ModelShareFile(file.role(), file.parties(), job.beta(), file.structure(),
                file.secure(), file.shares(), file.seeds()), job.batch());
        RingTensor input = dealer() ? null : BenchFiles.readInput(roleDir(job.shares()), job.batch(), file.inputShape());
        List<Object> seconds = new ArrayList<>();
        CostReport last = null;
        SecureEvaluator.Output output = null;
        if (job.dealerAhead() && dealer()) {
            query.prepareAhead(job.batch(), 1);
        }
        for (int run = 0; run <= job.reps(); run++) {
            long stream = stream(j, run);
            try (Network net = new WaitTimingNetwork(t.open(stream))) {
                if (job.dealerAhead()) {
                    awaitDealer(net, query);
                }
                long t0 = System.nanoTime();
                if (dealer()) {
                    if (!query.dealer(net, stream, rnd) && job.dealerAhead()) {
                        throw new IllegalStateException("the dealer served a query live that it should have prepared");
                    }
                } else {
                    output = query.party(net, stream, input, rnd);
                    last = output.cost();
                }
                seconds.add((System.nanoTime() - t0) / 1e9);
            }
        }
        query.close();
        if (output != null) {
            BenchFiles.writeOutput(roleDir(job.shares()), j, output.logits());
        }
        return result(seconds, last);
    }

    /** The dealer tells every party once its query is prepared; the parties wait for that before they start timing. */
    private void awaitDealer(Network net, SecureQuery query) {
        if (dealer()) {
            try {
                query.awaitPrepared();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while preparing the dealer's query", e);
            }
            for (int p = 0; p < plan.parties(); p++) {
                net.send(p, PREPARED_TAG, new long[] {1});
            }
        } else {
            net.receive(net.dealerId(), PREPARED_TAG);
        }
    }

    private Map<String, Object> elementwise(NettyTransport t, int j, BenchJob job) {
        ElementwiseWorkload w = new ElementwiseWorkload(job);
        FixedPoint fp = new FixedPoint(job.fractionalBits());
        int n = job.elements();
        List<Correlation> requests = dealer() ? CorrelationPlanner.plan(plan.parties(),
                s -> w.run(s, RingTensor.zeros(n), RingTensor.zeros(n))) : null;
        List<Object> seconds = new ArrayList<>();
        CostReport last = null;
        for (int run = 0; run <= job.reps(); run++) {
            long stream = stream(j, run);
            try (Network net = new WaitTimingNetwork(t.open(stream))) {
                long t0 = System.nanoTime();
                Seeds seeds = Seeds.setup(net, rnd);
                if (dealer()) {
                    net.beginQuery(stream);
                    new Dealer(net, seeds, Dealer.WeightMasks.NONE).serve(requests);
                } else {
                    Session s = new Session(net, plan.parties(), new PartyCorrelations(net, seeds.dealerSeed()));
                    RingTensor x = randomShares(seeds, stream, n, fp, 0);
                    RingTensor y = w.inputs() > 1 ? randomShares(seeds, stream, n, fp, 1) : null;
                    s.beginQuery(stream);
                    w.run(s, x, y);
                    last = s.cost().report();
                }
                seconds.add((System.nanoTime() - t0) / 1e9);
            }
        }
        return result(seconds, last);
    }

    /**
     * This party's share of n random values in [-RANGE, RANGE): a PRG zero sharing among the parties,
     * to which party 0 adds the values it draws (nobody else learns them).
     */
    private RingTensor randomShares(Seeds seeds, long stream, int n, FixedPoint fp, int which) {
        long[] share = new long[n];
        seeds.zeroSharing(stream * 2 + which).next(share, n);
        if (id == 0) {
            long[] v = new Prg(Seed.random(rnd)).next(n);
            int shift = 64 - (fp.fractionalBits() + ElementwiseWorkload.RANGE_BITS + 1);
            for (int i = 0; i < n; i++) {
                share[i] += v[i] >> shift;
            }
        }
        return new RingTensor(share, n);
    }

    /** A party's line carries its cost report of the last run (the dealer's cost is what the parties received). */
    private static Map<String, Object> result(List<Object> seconds, CostReport last) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds", seconds);
        if (last != null) {
            m.put("cost", last.toMap());
        }
        return m;
    }

    private Path roleDir(String shares) {
        return DeploymentWriter.roleDir(dir.resolve(shares), id, plan.parties());
    }

    private ModelShareFile shareFile(String shares) throws IOException {
        ModelShareFile f = shareFiles.get(shares);
        if (f == null) {
            f = ModelShareFile.load(roleDir(shares).resolve(ModelShareFile.FILE_NAME));
            shareFiles.put(shares, f);
        }
        return f;
    }
}
