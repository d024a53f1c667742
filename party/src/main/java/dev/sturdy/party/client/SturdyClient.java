package dev.sturdy.party.client;

import dev.sturdy.net.tls.TlsCredentials;
import dev.sturdy.party.api.InferReply;
import dev.sturdy.party.api.InferRequest;
import dev.sturdy.party.api.InferenceGrpc;
import dev.sturdy.party.api.ModelInfoReply;
import dev.sturdy.party.api.ModelInfoRequest;
import dev.sturdy.party.wire.FrameLogging;
import dev.sturdy.party.wire.Packing;
import dev.sturdy.protocol.prg.Prg;
import dev.sturdy.protocol.prg.Seed;
import dev.sturdy.protocol.ring.FixedPoint;
import dev.sturdy.protocol.sharing.AdditiveSharing;
import io.grpc.ConnectivityState;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The client library: encodes an input in fixed point, splits it into additive shares with an
 * AES-CTR PRG keyed from SecureRandom, sends share i to party i over TLS gRPC (all at once, under
 * one random query id) and adds the output shares. Thread safe; one instance per deployment.
 */
public final class SturdyClient implements AutoCloseable {
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final List<InetSocketAddress> addresses;
    private final List<InferenceGrpc.InferenceBlockingStub> parties = new ArrayList<>();
    private final Duration timeout;
    private final SecureRandom random = new SecureRandom();
    private final ModelInfoReply info;

    /**
     * Connects to the compute parties, in id order, and reads the model information from each: the
     * server at address i must be compute party i (its certificate's name, checked in every TLS
     * handshake, and the id it reports), else nothing is sent and this throws, naming the address.
     */
    public SturdyClient(List<InetSocketAddress> partyAddresses, TlsCredentials credentials, Duration timeout) {
        FrameLogging.pin();
        this.timeout = timeout;
        this.addresses = List.copyOf(partyAddresses);
        int n = addresses.size();
        for (int p = 0; p < n; p++) {
            InetSocketAddress a = addresses.get(p);
            ManagedChannel ch = NettyChannelBuilder.forAddress(a.getHostString(), a.getPort())
                    .sslContext(ExpectedParty.sslContext(credentials, p, n, a)).build();
            channels.add(ch);
            parties.add(InferenceGrpc.newBlockingStub(ch));
        }
        try {
            info = checkedInfo();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Party 0's model information, after every party has said who it is and how many parties there are. */
    private ModelInfoReply checkedInfo() {
        ModelInfoReply first = null;
        for (int p = 0; p < parties.size(); p++) {
            ModelInfoReply r = identifiedInfo(p);
            if (r.getPartyId() != p) {
                throw new IllegalArgumentException(ExpectedParty.where(addresses.get(p)) + " reports party id "
                        + r.getPartyId() + ", not " + p + ": give each compute party's address once, in id order");
            }
            if (r.getParties() != parties.size()) {
                throw new IllegalArgumentException("the deployment has " + r.getParties() + " compute parties, "
                        + parties.size() + " addresses were given");
            }
            first = first == null ? r : first;
        }
        return first;
    }

    /** Party p's model information; a server that is not party p is an {@link IllegalArgumentException} saying who it is. */
    private ModelInfoReply identifiedInfo(int p) {
        try {
            return stub(p).modelInfo(ModelInfoRequest.getDefaultInstance());
        } catch (StatusRuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ExpectedParty.WrongParty w) {
                    throw new IllegalArgumentException(w.getMessage(), e);
                }
            }
            throw e;
        }
    }

    private InferenceGrpc.InferenceBlockingStub stub(int party) {
        return parties.get(party).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public ModelInfoReply modelInfo() {
        return info;
    }

    /**
     * Pixel values in [0, 1], batch x C x H x W, normalised as the deployed model expects:
     * (x - mean[c]) / std[c] with the normalisation ModelInfo reports. Values outside [0, 1] are
     * clamped first: beyond the pixel range the model was made for, activations may leave the
     * PANN's bound, where the secure answer can differ from the model's without an error.
     */
    public double[] normalise(double[] pixels, int batch) {
        int channels = info.getInputShape(0);
        int plane = pixels.length / (batch * channels);
        double[] x = new double[pixels.length];
        for (int i = 0; i < x.length; i++) {
            int c = (i / plane) % channels;
            double pixel = Math.max(0, Math.min(1, pixels[i]));
            x[i] = (pixel - info.getNormalizationMean(c)) / info.getNormalizationStd(c);
        }
        return x;
    }

    /** The output of the query, and what each party reported it cost. */
    public record Answer(double[] logits, int batch, int classes, List<dev.sturdy.party.api.Cost> costs) {
    }

    /**
     * Runs one query on a batch of inputs (batch x input shape, flattened). A party at its limit of
     * concurrent queries (RESOURCE_EXHAUSTED) is asked again, with fresh shares under a fresh query
     * id, after a jittered backoff, until the timeout. Throws {@link StatusRuntimeException} with
     * the first party's error if any party refused otherwise or failed.
     */
    public Answer infer(double[] input, int batch) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long backoffMillis = 20;
        while (true) {
            try {
                return attempt(input, batch);
            } catch (StatusRuntimeException e) {
                long pause = backoffMillis / 2 + random.nextLong(backoffMillis);
                if (e.getStatus().getCode() != Status.Code.RESOURCE_EXHAUSTED
                        || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) > deadline) {
                    throw e;
                }
                sleep(pause);
                backoffMillis = Math.min(1000, 2 * backoffMillis);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Status.CANCELLED.withDescription("interrupted while waiting to retry").asRuntimeException();
        }
    }

    private Answer attempt(double[] input, int batch) {
        retryFailedChannelsNow();
        FixedPoint fp = new FixedPoint(info.getFractionalBits());
        long[][] shares = AdditiveSharing.split(fp.encode(input), parties.size(), new Prg(Seed.random(random)));
        long query = random.nextLong();
        List<Integer> shape = new ArrayList<>();
        shape.add(batch);
        shape.addAll(info.getInputShapeList());
        // One cancellable context for the query: the first party that fails cancels the others' calls.
        Context.CancellableContext call = Context.current().withCancellation();
        CompletableFuture<Void> firstFailure = new CompletableFuture<>();
        List<CompletableFuture<InferReply>> replies = new ArrayList<>();
        for (int p = 0; p < parties.size(); p++) {
            InferRequest req = InferRequest.newBuilder().setQueryId(query).setInputShare(Packing.pack(shares[p]))
                    .addAllShape(shape).build();
            int party = p;
            CompletableFuture<InferReply> f = CompletableFuture.supplyAsync(() -> {
                Context previous = call.attach();
                try {
                    // wait for the channel to (re)connect, within the deadline: a restarted party is reachable again
                    return stub(party).withWaitForReady().infer(req);
                } catch (StatusRuntimeException e) {
                    throw named(party, e);
                } finally {
                    call.detach(previous);
                }
            });
            f.whenComplete((r, e) -> {
                if (e != null) {
                    firstFailure.completeExceptionally(e instanceof CompletionException ? e.getCause() : e);
                }
            });
            replies.add(f);
        }
        long[] sum = null;
        List<dev.sturdy.party.api.Cost> costs = new ArrayList<>();
        int classes = 0;
        try {
            CompletableFuture.anyOf(CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)), firstFailure).join();
            for (CompletableFuture<InferReply> f : replies) {
                InferReply r = f.join();
                long[] share = Packing.unpack(r.getOutputShare());
                sum = sum == null ? share : AdditiveSharing.reconstruct(sum, share);
                costs.add(r.getCost());
                classes = r.getShape(1);
            }
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        } finally {
            call.cancel(null);
        }
        return new Answer(new FixedPoint(info.getOutputFractionalBits()).decode(sum), batch, classes, costs);
    }

    /**
     * A channel whose party was unreachable waits an exponential backoff (up to minutes) before it
     * tries again; a party restarted since then would idle the query until that retry, so retry now.
     */
    private void retryFailedChannelsNow() {
        for (ManagedChannel ch : channels) {
            if (ch.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
                ch.resetConnectBackoff();
            }
        }
    }

    /** The party's status with the party named, so the caller knows which one refused or failed. */
    private StatusRuntimeException named(int party, StatusRuntimeException e) {
        String where = "party " + party + " (" + addresses.get(party) + ")";
        String d = e.getStatus().getDescription();
        return e.getStatus().withDescription(d != null && d.contains("party " + party) ? d : where + ": " + d)
                .withCause(e).asRuntimeException();
    }

    @Override
    public void close() {
        for (ManagedChannel ch : channels) {
            ch.shutdownNow();
        }
    }
}
