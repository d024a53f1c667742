package dev.sturdy.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.ListenableFuture;
import dev.sturdy.model.graph.Conv2d;
import dev.sturdy.model.graph.Linear;
import dev.sturdy.model.graph.Node;
import dev.sturdy.model.lower.LoweredGraph;
import dev.sturdy.party.api.InferReply;
import dev.sturdy.party.api.InferRequest;
import dev.sturdy.party.api.InferenceGrpc;
import dev.sturdy.party.compute.ModelShareFile;
import dev.sturdy.party.server.GrpcTls;
import dev.sturdy.party.wire.Packing;
import dev.sturdy.protocol.prg.Prg;
import dev.sturdy.protocol.prg.Seed;
import dev.sturdy.protocol.ring.FixedPoint;
import dev.sturdy.protocol.sharing.AdditiveSharing;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every role at the finest log level through good and failed queries: no input, share, output or
 * weight value appears in any log record, and nothing that looks like key material (a long hex or
 * base64 run, as a seed or key would print).
 */
class LogSecrecyTest {
    private static final Pattern HEX_RUN = Pattern.compile("[0-9a-fA-F]{32,}");
    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/]{40,}");

    @TempDir
    Path dir;

    @Test
    void noRoleLogsASecretAtTheFinestLevel() throws Exception {
        List<String> records = new CopyOnWriteArrayList<>();
        SimpleFormatter format = new SimpleFormatter();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(format.format(r));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        Level previous = root.getLevel();
        root.addHandler(capture);
        root.setLevel(Level.ALL);
        Set<String> secrets = new HashSet<>();
        try {
            TestDeployment d = new TestDeployment(2, dir, Duration.ofSeconds(2));
            for (int p = 0; p <= 2; p++) {
                addWeights(secrets, LoweredGraph.of(d.model.graph()), ModelShareFile.load(DeploymentWriter.roleDir(dir, p, 2).resolve(ModelShareFile.FILE_NAME)));
            }
            for (Node n : d.model.graph().nodes()) {
                float[] w = n.op() instanceof Conv2d c ? c.weight() : n.op() instanceof Linear l ? l.weight() : new float[0];
                for (float v : w) {
                    String text = Float.toString(v);
                    if (text.length() >= 8) { // short ones ("0.5") could occur by chance
                        secrets.add(text);
                    }
                }
            }
            try (InProcessRoles roles = InProcessRoles.start(d.configs)) {
                List<ManagedChannel> channels = new ArrayList<>();
                for (InetSocketAddress a : d.grpcAddresses()) {
                    channels.add(NettyChannelBuilder.forAddress(a.getHostString(), a.getPort())
                            .sslContext(GrpcTls.client(DeploymentWriter.client(dir))).build());
                }
                try {
                    query(d, channels, 2, 41, secrets);
                    query(d, channels, 1, 42, secrets);
                    query(d, channels.subList(0, 1), 1, 43, secrets); // party 1 never hears of it: it fails
                } finally {
                    channels.forEach(ManagedChannel::shutdownNow);
                }
            }
        } finally {
            root.removeHandler(capture);
            root.setLevel(previous);
        }
        assertTrue(records.stream().anyMatch(r -> r.contains("query") && r.contains("failed")),
                "the failed query was logged: the capture works");
        for (String r : records) {
            Matcher hex = HEX_RUN.matcher(r);
            assertFalse(hex.find(), () -> "key-like hex '" + hex.group() + "' in a log record: " + r);
            Matcher b64 = BASE64_RUN.matcher(r);
            while (b64.find()) {
                String run = b64.group();
                // identifiers are long too (class names), but random bytes in base64 are full of digits
                assertTrue(run.chars().filter(Character::isDigit).count() < 4, "key-like base64 '" + run + "' in: " + r);
            }
            for (String s : secrets) {
                assertFalse(r.contains(s), "a secret value (" + s + ") in a log record: " + r);
            }
        }
    }

    /** Sends share p of a random input to channels.get(p) under one query id; records every value that must stay secret. */
    private static void query(TestDeployment d, List<ManagedChannel> channels, int batch, long seed, Set<String> secrets)
            throws InterruptedException {
        double[] x = d.randomInput(batch, seed);
        FixedPoint fp = new FixedPoint(d.layout.fixedBits());
        long[] encoded = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            encoded[i] = fp.encode(x[i]);
            secrets.add(Double.toString(x[i]));
        }
        long[][] shares = AdditiveSharing.split(encoded, 2, new Prg(Seed.random(new SecureRandom())));
        addLongs(secrets, encoded);
        long id = new SecureRandom().nextLong();
        List<ListenableFuture<InferReply>> calls = new ArrayList<>();
        for (int p = 0; p < channels.size(); p++) {
            addLongs(secrets, shares[p]);
            InferRequest.Builder req = InferRequest.newBuilder().setQueryId(id).setInputShare(Packing.pack(shares[p]))
                    .addShape(batch);
            req.addShape(d.model.graph().input().channels()).addShape(d.model.graph().input().height())
                    .addShape(d.model.graph().input().width());
            calls.add(InferenceGrpc.newFutureStub(channels.get(p)).withDeadlineAfter(20, TimeUnit.SECONDS).infer(req.build()));
        }
        for (ListenableFuture<InferReply> c : calls) {
            try {
                addLongs(secrets, Packing.unpack(c.get().getOutputShare()));
            } catch (ExecutionException e) {
                // the query sent to party 0 alone fails; its error is logged, which is what this test reads
            }
        }
    }

    private static void addWeights(Set<String> secrets, LoweredGraph graph, ModelShareFile f) {
        if (f.shares() == null) {
            return; // the dealer holds the structure and seeds only
        }
        for (int l = 0; l < graph.layers().size(); l++) {
            if (!graph.layers().get(l).hasWeights()) {
                continue;
            }
            addLongs(secrets, f.shares().maskedWeights(l));
            addLongs(secrets, f.shares().maskShare(l));
            addLongs(secrets, f.shares().biasShare(l));
        }
    }

    /** Values large enough that their text cannot occur by chance (small ones would match ids and counts). */
    private static void addLongs(Set<String> secrets, long[] values) {
        for (long v : values) {
            if (Math.abs(v) >= 1_000_000) {
                secrets.add(Long.toString(v));
                secrets.add(Long.toUnsignedString(v));
            }
            if (Math.abs(v) >= 1L << 32) {
                secrets.add(Long.toHexString(v));
            }
        }
    }
}
