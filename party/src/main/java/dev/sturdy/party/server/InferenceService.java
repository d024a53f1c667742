package dev.sturdy.party.server;

import dev.sturdy.net.NettyTransport;
import dev.sturdy.net.StreamReusedException;
import dev.sturdy.party.api.Cost;
import dev.sturdy.party.api.HealthReply;
import dev.sturdy.party.api.HealthRequest;
import dev.sturdy.party.api.InferReply;
import dev.sturdy.party.api.InferRequest;
import dev.sturdy.party.api.InferenceGrpc;
import dev.sturdy.party.api.ModelInfoReply;
import dev.sturdy.party.api.ModelInfoRequest;
import dev.sturdy.party.compute.ModelShareFile;
import dev.sturdy.party.compute.SecureQuery;
import dev.sturdy.party.config.RoleConfig;
import dev.sturdy.party.metrics.RoleMetrics;
import dev.sturdy.party.wire.Packing;
import dev.sturdy.protocol.cost.CostReport;
import dev.sturdy.protocol.eval.SecureEvaluator;
import dev.sturdy.protocol.net.Network;
import dev.sturdy.protocol.net.NetworkException;
import dev.sturdy.protocol.ring.RingTensor;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The client API of one compute party. Every request is checked before any secure work starts;
 * a bad request gets INVALID_ARGUMENT / NOT_FOUND / ALREADY_EXISTS with a message saying what was
 * wrong, a query over the party's limits RESOURCE_EXHAUSTED at once, and a failed query (a role
 * gone, a timeout) UNAVAILABLE naming the role, or INTERNAL. None stops the service, and a failed
 * query tells the other roles to stop serving it. A query whose client cancels the call (another party failed, or the deadline
 * passed) stops at once instead of waiting for its peers until the receive timeout. Shares, inputs
 * and outputs are never logged.
 */
final class InferenceService extends InferenceGrpc.InferenceImplBase {
    private static final System.Logger LOG = System.getLogger(InferenceService.class.getName());

    private final RoleConfig cfg;
    private final String modelName;
    private final ModelShareFile model;
    private final SecureQuery query;
    private final Supplier<NettyTransport> transport;
    private final SecureRandom random = new SecureRandom();
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final QueryLimits limits;
    private final RoleMetrics metrics;

    /** @param transport the connections to the other roles, null until they are all up */
    InferenceService(RoleConfig cfg, SecureQuery query, Supplier<NettyTransport> transport, RoleMetrics metrics) {
        this.cfg = cfg;
        this.metrics = metrics;
        this.limits = new QueryLimits(cfg.id(), cfg.maxQueries(), cfg.maxQueriesPerClient());
        this.query = query;
        this.model = query.model();
        this.modelName = model.structure().name();
        this.transport = transport;
    }

    @Override
    public void infer(InferRequest req, StreamObserver<InferReply> out) {
        int[] shape = req.getShapeList().stream().mapToInt(Integer::intValue).toArray();
        String bad = check(req, shape);
        if (bad != null) {
            metrics.refused();
            out.onError(bad.startsWith("unknown model") ? Status.NOT_FOUND.withDescription(bad).asRuntimeException()
                    : Status.INVALID_ARGUMENT.withDescription(bad).asRuntimeException());
            return;
        }
        NettyTransport t = transport.get();
        if (t == null) {
            metrics.refused();
            out.onError(Status.UNAVAILABLE.withDescription("party " + cfg.id()
                    + " is not connected to the other roles yet").asRuntimeException());
            return;
        }
        long q = req.getQueryId();
        if (!inFlight.add(q)) {
            metrics.refused();
            out.onError(alreadyExists(q, "is already running on party " + cfg.id()));
            return;
        }
        String client = ClientIdentity.current();
        String busy = limits.tryStart(client);
        if (busy != null) {
            inFlight.remove(q);
            metrics.refused();
            out.onError(Status.RESOURCE_EXHAUSTED.withDescription(busy).asRuntimeException());
            return;
        }
        InferReply reply;
        try {
            reply = run(t, q, shape, req);
        } catch (StreamReusedException e) {
            metrics.refused();
            out.onError(alreadyExists(q, "ran on party " + cfg.id() + " a moment ago"));
            return;
        } catch (RuntimeException e) {
            metrics.failed();
            out.onError(failed(q, e));
            return;
        } finally {
            limits.finish(client);
            inFlight.remove(q);
        }
        out.onNext(reply);
        out.onCompleted();
    }

    private static StatusRuntimeException alreadyExists(long q, String what) {
        return Status.ALREADY_EXISTS.withDescription("query " + q + " " + what + "; use a fresh random query id")
                .asRuntimeException();
    }

    private InferReply run(NettyTransport t, long q, int[] shape, InferRequest req) {
        long start = System.nanoTime();
        try (InterruptOnCancel stopOnCancel = new InterruptOnCancel(); Network net = t.open(q)) {
            try {
                RingTensor x = new RingTensor(Packing.unpack(req.getInputShare()), shape);
                SecureEvaluator.Output r = query.party(net, q, x, random);
                Cost.Builder cost = cost(r.cost(), start).setBytesFromDealer(net.stats().bytesReceived(net.dealerId()));
                metrics.finished(cost.getSeconds(), cost.getRounds(), cost.getBytesSent());
                return InferReply.newBuilder().setQueryId(q).setOutputShare(Packing.pack(r.logits().data()))
                        .addShape(shape[0]).addShape(classes()).setCost(cost).build();
            } catch (RuntimeException e) {
                net.abandon("query " + q + " failed: " + e.getClass().getSimpleName());
                throw e;
            }
        }
    }

    /**
     * A query that failed after it started: UNAVAILABLE when a role or the network failed (the
     * message names which), INTERNAL for anything else. The service goes on either way.
     */
    private StatusRuntimeException failed(long q, RuntimeException e) {
        if (e instanceof NetworkException) {
            boolean cancelled = Context.current().isCancelled();
            LOG.log(System.Logger.Level.WARNING, "query " + q + (cancelled
                    ? " stopped: the client cancelled it (another party failed, or the deadline passed)"
                    : " failed: " + e.getMessage()));
            return Status.UNAVAILABLE.withDescription("query " + q + " failed on party " + cfg.id() + ": "
                    + e.getMessage()).asRuntimeException();
        }
        LOG.log(System.Logger.Level.ERROR, "query " + q + " failed: " + e.getClass().getName(), e);
        return Status.INTERNAL.withDescription("query " + q + " failed on party " + cfg.id() + ": "
                + e.getClass().getSimpleName() + " (see the party's log)").asRuntimeException();
    }

    /** What is wrong with the request, or null. */
    private String check(InferRequest req, int[] shape) {
        if (!req.getModel().isEmpty() && !req.getModel().equals(modelName)) {
            return "unknown model '" + req.getModel() + "': this deployment serves '" + modelName + "'";
        }
        int[] sample = model.inputShape().stream().mapToInt(Integer::intValue).toArray();
        if (shape.length != sample.length + 1 || !Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), sample)) {
            return "input shape " + Arrays.toString(shape) + " does not match the model's [batch, "
                    + Arrays.toString(sample).replace("[", "");
        }
        if (shape[0] < 1 || shape[0] > cfg.maxBatch()) {
            return "batch " + shape[0] + " out of range 1.." + cfg.maxBatch();
        }
        long expected = 8L * shape[0] * model.structure().graph().input().size();
        if (req.getInputShare().size() != expected) {
            return "the input share has " + req.getInputShare().size() + " bytes but shape " + Arrays.toString(shape)
                    + " needs " + expected + " (packed int64, little endian)";
        }
        return null;
    }

    private static Cost.Builder cost(CostReport report, long startNanos) {
        CostReport.Entry total = report.total();
        return Cost.newBuilder().setRounds(total.rounds()).setBytesSent(total.bytesSent())
                .setBytesReceived(total.bytesReceived()).setSeconds((System.nanoTime() - startNanos) / 1e9);
    }

    @Override
    public void modelInfo(ModelInfoRequest req, StreamObserver<ModelInfoReply> out) {
        ModelInfoReply.Builder b = ModelInfoReply.newBuilder().setModel(modelName).setClasses(classes())
                .setPrecisionB(model.precisionB()).setFractionalBits(model.fractionalBits())
                .setOutputFractionalBits(model.secure().outputBits()).setParties(cfg.parties())
                .setPartyId(cfg.id()).setMaxBatch(cfg.maxBatch());
        b.addAllInputShape(model.inputShape()).addAllClassNames(model.structure().classes());
        for (int c = 0; c < model.structure().normalization().channels(); c++) {
            b.addNormalizationMean(model.structure().normalization().mean()[c])
                    .addNormalizationStd(model.structure().normalization().std()[c]);
        }
        out.onNext(b.build());
        out.onCompleted();
    }

    private int classes() {
        return model.structure().numClasses();
    }

    @Override
    public void health(HealthRequest req, StreamObserver<HealthReply> out) {
        NettyTransport t = transport.get();
        boolean up = t != null && t.allConnected();
        out.onNext(HealthReply.newBuilder().setStatus(up ? HealthReply.Status.SERVING : HealthReply.Status.NOT_SERVING)
                .setDetail(up ? "connected to every role" : "waiting for the other roles").build());
        out.onCompleted();
    }

}
