package dev.sturdy.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import dev.sturdy.net.tls.TlsCredentials;
import dev.sturdy.party.api.InferReply;
import dev.sturdy.party.api.InferRequest;
import dev.sturdy.party.api.InferenceGrpc;
import dev.sturdy.party.client.PlainReference;
import dev.sturdy.party.client.SturdyClient;
import dev.sturdy.party.config.RoleConfig;
import dev.sturdy.party.samples.DemoModel;
import dev.sturdy.party.server.GrpcTls;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that sends max-batch queries to party 0 alone (party 1 never hears of them): party 0
 * runs only its per-client share of them, holds at most the dealer's window for each until party
 * 1's silence fails them, and meanwhile serves another client. Every role is a process with a
 * 1 GiB heap (LocalCluster): without flow control the dealer pushed about 2 GB of correlations per
 * ResNet-20 batch-16 query into party 0.
 */
class OverloadTest {
    private static final int ABUSIVE = 20;
    private static final int MAX_BATCH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Party 0's resident memory (heap, direct buffers, code): what it needs for the model and a few queries. */
    private static final long RSS_BOUND = 1L << 30;

    @TempDir
    Path dir;

    @Test
    void maxBatchQueriesToPartyZeroAloneNeitherExhaustItsHeapNorShutOutAnotherClient() throws Exception {
        TestDeployment d = new TestDeployment(2, dir, Duration.ofSeconds(20), DemoModel.cifar10(), MAX_BATCH);
        Path b = DeploymentWriter.addClient(dir, "b", RANDOM);
        TlsCredentials otherClient = TlsCredentials.load(b.resolve("cert.pem"), b.resolve("key.pem"), b.resolve("ca.pem"));
        try (LocalCluster cluster = LocalCluster.start(dir, 2)) {
            cluster.awaitHealthy(d.grpcAddresses(), DeploymentWriter.client(dir), Duration.ofSeconds(120));
            InetSocketAddress party0 = d.grpcAddresses().get(0);
            ManagedChannel ch = NettyChannelBuilder.forAddress(party0.getHostString(), party0.getPort())
                    .sslContext(GrpcTls.client(DeploymentWriter.client(dir))).build();
            ResidentMemory party0Memory = new ResidentMemory(cluster.process(0).pid());
            try (party0Memory; SturdyClient normal = new SturdyClient(d.grpcAddresses(), otherClient, Duration.ofSeconds(60))) {
                List<ListenableFuture<InferReply>> abusive = new ArrayList<>();
                for (int i = 0; i < ABUSIVE; i++) {
                    abusive.add(InferenceGrpc.newFutureStub(ch).withDeadlineAfter(60, TimeUnit.SECONDS)
                            .infer(maxBatchRequest(d)));
                }
                double[] x = d.randomInput(1, 21);
                SturdyClient.Answer answer = normal.infer(x, 1);
                assertEquals(PlainReference.argmax(d.plain.logits(x, 1), 0, d.model.numClasses()),
                        PlainReference.argmax(answer.logits(), 0, d.model.numClasses()),
                        "the other client's query, beside the overload, against the plaintext PANN");

                Map<Status.Code, Integer> outcomes = new EnumMap<>(Status.Code.class);
                for (ListenableFuture<InferReply> f : abusive) {
                    outcomes.merge(outcome(f), 1, Integer::sum);
                }
                int perClient = RoleConfig.DEFAULT_MAX_QUERIES_PER_CLIENT;
                assertEquals(Map.of(Status.Code.RESOURCE_EXHAUSTED, ABUSIVE - perClient,
                        Status.Code.UNAVAILABLE, perClient), outcomes,
                        "the per-client limit refuses the rest at once; party 1's silence fails the ones that ran");
            } finally {
                ch.shutdownNow();
            }
            assertTrue(cluster.process(0).isAlive(), "party 0 died");
            String log = Files.readString(DeploymentWriter.roleDir(dir, 0, 2).resolve("role.log"));
            assertFalse(log.matches("(?s).*OutOf(Direct)?MemoryError.*"), "party 0 ran out of memory");
            System.out.printf("party 0's resident memory peaked at %d MiB%n", party0Memory.peak() >> 20);
            assertTrue(party0Memory.peak() < RSS_BOUND, "party 0's resident memory peaked at "
                    + (party0Memory.peak() >> 20) + " MiB");
        }
    }

    private static InferRequest maxBatchRequest(TestDeployment d) {
        int size = d.model.graph().input().size();
        byte[] share = new byte[8 * MAX_BATCH * size];
        RANDOM.nextBytes(share);
        var in = d.model.graph().input();
        return InferRequest.newBuilder().setQueryId(RANDOM.nextLong()).setInputShare(ByteString.copyFrom(share))
                .addShape(MAX_BATCH).addShape(in.channels()).addShape(in.height()).addShape(in.width()).build();
    }

    private static Status.Code outcome(ListenableFuture<InferReply> f) throws InterruptedException {
        try {
            f.get(90, TimeUnit.SECONDS);
            return Status.Code.OK;
        } catch (ExecutionException e) {
            return e.getCause() instanceof StatusRuntimeException s ? s.getStatus().getCode() : Status.Code.UNKNOWN;
        } catch (java.util.concurrent.TimeoutException e) {
            return Status.Code.DEADLINE_EXCEEDED;
        }
    }
}
