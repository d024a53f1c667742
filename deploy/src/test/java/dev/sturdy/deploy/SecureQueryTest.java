package dev.sturdy.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import dev.sturdy.deploy.DeploymentWriter;
import dev.sturdy.net.tls.CertificateAuthority;
import dev.sturdy.net.tls.TlsCredentials;
import dev.sturdy.party.api.InferReply;
import dev.sturdy.party.api.InferRequest;
import dev.sturdy.party.api.InferenceGrpc;
import dev.sturdy.party.client.SturdyClient;
import dev.sturdy.party.config.RoleConfig;
import dev.sturdy.party.server.DealerServer;
import dev.sturdy.party.server.GrpcTls;
import dev.sturdy.party.server.PartyServer;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Compute parties and the dealer in this JVM, over real loopback sockets with TLS, queried through gRPC. */
class SecureQueryTest {
    @TempDir
    Path dir;
    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    private DealerServer dealer;

    private PartyServer[] start(TestDeployment d) throws Exception {
        InProcessRoles roles = InProcessRoles.start(d.configs);
        running.add(roles);
        dealer = roles.dealer;
        return roles.parties;
    }

    private static void assertCorrect(TestDeployment d, SturdyClient client, int batch, long seed) {
        double[] x = d.randomInput(batch, seed);
        d.assertAgrees(x, batch, client.infer(x, batch).logits());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void queriesAgreeWithThePlaintextPannAndBadRequestsAreRefusedWhileServing(int parties) throws Exception {
        TestDeployment d = new TestDeployment(parties, dir, Duration.ofSeconds(5));
        start(d);
        try (SturdyClient client = new SturdyClient(d.grpcAddresses(), DeploymentWriter.client(dir), Duration.ofSeconds(20))) {
            assertEquals(List.of(3, 4, 4), client.modelInfo().getInputShapeList());
            double[] inRange = {0, 1, 0.5}, outOfRange = {-0.7, 3.2, 0.5};
            assertArrayEquals(client.normalise(inRange, 1), client.normalise(outOfRange, 1), "pixels are clamped to [0, 1]");
            assertCorrect(d, client, 1, 1);
            assertCorrect(d, client, 3, 2);

            ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", d.layout.grpcBasePort())
                    .sslContext(GrpcTls.client(DeploymentWriter.client(dir))).build();
            try {
                InferenceGrpc.InferenceBlockingStub raw = InferenceGrpc.newBlockingStub(ch);
                InferRequest ok = InferRequest.newBuilder().setQueryId(7).addShape(1).addShape(3).addShape(4).addShape(4)
                        .setInputShare(ByteString.copyFrom(new byte[8 * 48])).build();
                assertRefused(raw, ok.toBuilder().clearShape().addShape(1).addShape(48).build(), Status.Code.INVALID_ARGUMENT,
                        "does not match the model's [batch, 3, 4, 4]");
                assertRefused(raw, ok.toBuilder().setInputShare(ByteString.copyFrom(new byte[13])).build(),
                        Status.Code.INVALID_ARGUMENT, "has 13 bytes");
                assertRefused(raw, ok.toBuilder().setModel("resnet-1000").build(), Status.Code.NOT_FOUND, "unknown model");
                assertRefused(raw, ok.toBuilder().setShape(0, 99).build(), Status.Code.INVALID_ARGUMENT, "batch 99 out of range");
                assertRefused(raw, ok.toBuilder().setInputShare(ByteString.copyFrom(new byte[4 << 20])).build(),
                        Status.Code.RESOURCE_EXHAUSTED, "");
            } finally {
                ch.shutdownNow();
            }
            assertCorrect(d, client, 2, 3); // still serving
        }
    }

    /**
     * Two calls with the same query id at once: one runs (and fails, as party 1 never hears of it),
     * the other is refused at once with ALREADY_EXISTS; the parties serve on.
     */
    @ParameterizedTest
    @ValueSource(ints = {2})
    void aRepeatedInFlightQueryIdIsRefusedWithAlreadyExists(int parties) throws Exception {
        TestDeployment d = new TestDeployment(parties, dir, Duration.ofSeconds(2));
        start(d);
        ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", d.layout.grpcBasePort())
                .sslContext(GrpcTls.client(DeploymentWriter.client(dir))).build();
        try {
            InferenceGrpc.InferenceFutureStub stub = InferenceGrpc.newFutureStub(ch).withDeadlineAfter(30, TimeUnit.SECONDS);
            InferRequest req = InferRequest.newBuilder().setQueryId(42).addShape(1).addShape(3).addShape(4).addShape(4)
                    .setInputShare(ByteString.copyFrom(new byte[8 * 48])).build();
            List<ListenableFuture<InferReply>> calls = List.of(stub.infer(req), stub.infer(req));
            Map<Status.Code, String> outcomes = new TreeMap<>();
            for (ListenableFuture<InferReply> call : calls) {
                ExecutionException e = assertThrows(ExecutionException.class, call::get);
                Status status = Status.fromThrowable(e.getCause());
                outcomes.put(status.getCode(), status.getDescription());
            }
            assertEquals(Set.of(Status.Code.ALREADY_EXISTS, Status.Code.UNAVAILABLE), outcomes.keySet(), outcomes.toString());
            assertEquals("query 42 is already running on party 0; use a fresh random query id",
                    outcomes.get(Status.Code.ALREADY_EXISTS));
            // the failed query's id stays refused for a while: its late frames must not meet a new query
            ExecutionException again = assertThrows(ExecutionException.class, () -> stub.infer(req).get());
            assertEquals("ALREADY_EXISTS: query 42 ran on party 0 a moment ago; use a fresh random query id",
                    again.getCause().getMessage());
        } finally {
            ch.shutdownNow();
        }
        try (SturdyClient client = new SturdyClient(d.grpcAddresses(), DeploymentWriter.client(dir), Duration.ofSeconds(20))) {
            assertCorrect(d, client, 1, 13);
        }
    }

    private static void assertRefused(InferenceGrpc.InferenceBlockingStub stub, InferRequest req, Status.Code code,
                                      String message) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub.infer(req));
        assertEquals(code, e.getStatus().getCode(), e.getMessage());
        assertTrue(String.valueOf(e.getStatus().getDescription()).contains(message), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {3})
    void sixteenConcurrentClientsGetCorrectAnswers(int parties) throws Exception {
        TestDeployment d = new TestDeployment(parties, dir, Duration.ofSeconds(20));
        start(d);
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (int c = 0; c < 16; c++) {
                int id = c;
                clients.add(CompletableFuture.runAsync(() -> {
                    try (SturdyClient client = new SturdyClient(d.grpcAddresses(), DeploymentWriter.client(dir),
                            Duration.ofSeconds(60))) {
                        for (int q = 0; q < 5; q++) {
                            assertCorrect(d, client, 1 + q % 2, 100L * id + q);
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, pool));
            }
            CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2})
    void aRolesCertificateIsRefusedAsAClient(int parties) throws Exception {
        TestDeployment d = new TestDeployment(parties, dir, Duration.ofSeconds(5));
        start(d);
        Path party1 = DeploymentWriter.roleDir(dir, 1, parties);
        TlsCredentials role = TlsCredentials.load(party1.resolve("cert.pem"), party1.resolve("key.pem"),
                party1.resolve("ca.pem"));
        ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", d.layout.grpcBasePort())
                .sslContext(GrpcTls.client(role)).build();
        try {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> InferenceGrpc.newBlockingStub(ch)
                    .withDeadlineAfter(10, TimeUnit.SECONDS).modelInfo(dev.sturdy.party.api.ModelInfoRequest.getDefaultInstance()));
            assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode(), e.getMessage());
            assertTrue(e.getMessage().contains("the certificate of role 'party-1' cannot be used as a client"), e.getMessage());
        } finally {
            ch.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2})
    void aClientWithACertificateFromAnotherCaIsRefused(int parties) throws Exception {
        TestDeployment d = new TestDeployment(parties, dir, Duration.ofSeconds(5));
        start(d);
        TlsCredentials ours = DeploymentWriter.client(dir);
        TlsCredentials foreign = CertificateAuthority.create("another CA", new SecureRandom()).issue("client", List.of());
        TlsCredentials rogue = new TlsCredentials(foreign.key(), foreign.certificate(), ours.ca());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> new SturdyClient(d.grpcAddresses(), rogue, Duration.ofSeconds(10)));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.getMessage());
        try (SturdyClient client = new SturdyClient(d.grpcAddresses(), ours, Duration.ofSeconds(20))) {
            assertCorrect(d, client, 1, 4);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void aStoppedPartyGivesTheClientAClearErrorWithinTheTimeoutAndServesAgainAfterARestart(int parties)
            throws Exception {
        TestDeployment d = new TestDeployment(parties, dir, Duration.ofSeconds(3));
        PartyServer[] ps = start(d);
        try (SturdyClient client = new SturdyClient(d.grpcAddresses(), DeploymentWriter.client(dir), Duration.ofSeconds(20))) {
            assertCorrect(d, client, 1, 5);
            ps[parties - 1].close();
            long t0 = System.nanoTime();
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> client.infer(d.randomInput(1, 6), 1));
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(seconds < 5, "took " + seconds + " s");
            assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.getMessage());
            assertTrue(e.getMessage().contains("party " + (parties - 1)), e.getMessage());

            PartyServer restarted = PartyServer.start(RoleConfig.load(d.configs.get(parties - 1)));
            running.add(restarted);
            restarted.awaitConnected();
            awaitAllServing(ps, parties - 1);
            assertCorrect(d, client, 1, 7);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2})
    void aStoppedDealerIsNamedInTheErrorAndARestartedDealerServesAgain(int parties) throws Exception {
        TestDeployment d = new TestDeployment(parties, dir, Duration.ofSeconds(3));
        PartyServer[] ps = start(d);
        try (SturdyClient client = new SturdyClient(d.grpcAddresses(), DeploymentWriter.client(dir), Duration.ofSeconds(20))) {
            assertCorrect(d, client, 1, 8);
            dealer.close();
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> client.infer(d.randomInput(1, 9), 1));
            assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.getMessage());
            assertTrue(e.getMessage().contains("the dealer (id " + parties + ") is not connected"), e.getMessage());

            running.add(DealerServer.start(RoleConfig.load(d.configs.get(parties))));
            awaitAllServing(ps, -1);
            assertCorrect(d, client, 1, 10);
        }
    }

    /** The other parties redial the restarted one in the background: wait until their links are back. */
    private static void awaitAllServing(PartyServer[] ps, int restarted) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        for (int p = 0; p < ps.length; p++) {
            while (p != restarted && !ps[p].connectedToAll()) {
                assertTrue(System.nanoTime() < deadline, "party " + p + " did not reconnect");
                Thread.sleep(50);
            }
        }
    }
}
