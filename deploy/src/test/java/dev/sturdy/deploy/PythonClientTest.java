package dev.sturdy.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.TestData;
import dev.sturdy.model.graph.Shape;
import dev.sturdy.model.json.Json;
import dev.sturdy.party.client.SturdyClient;
import dev.sturdy.party.samples.DemoImages;
import dev.sturdy.party.samples.DemoModel;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * clients/python against every role as its own process, serving the demo model: its classes equal
 * the Java client's on the same sample images, and bad input, a missing certificate and swapped
 * addresses raise clear errors.
 */
class PythonClientTest {
    private static final int IMAGES = 6;

    @TempDir
    Path dir;

    @Test
    void thePythonClientClassifiesAsTheJavaClientAndRefusesBadInput() throws Exception {
        Path python = TestData.python("grpc", "grpc_tools", "numpy");
        TestDeployment d = new TestDeployment(2, dir, Duration.ofSeconds(10), DemoModel.load(), IMAGES);
        Shape in = d.model.graph().input();
        DemoImages images = DemoImages.load(in, IMAGES);
        Path pixels = dir.resolve("pixels.f64");
        ByteBuffer buf = ByteBuffer.allocate(8 * images.pixels().length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : images.pixels()) {
            buf.putDouble(v);
        }
        Files.write(pixels, buf.array());
        try (LocalCluster cluster = LocalCluster.start(dir, 2)) {
            cluster.awaitHealthy(d.grpcAddresses(), DeploymentWriter.client(dir), Duration.ofSeconds(120));
            List<Integer> java = new ArrayList<>();
            try (SturdyClient client = new SturdyClient(d.grpcAddresses(), DeploymentWriter.client(dir),
                    Duration.ofSeconds(60))) {
                int classes = d.model.numClasses();
                double[] logits = client.infer(client.normalise(images.pixels(), IMAGES), IMAGES).logits();
                for (int i = 0; i < IMAGES; i++) {
                    java.add(dev.sturdy.party.client.PlainReference.argmax(logits, i * classes, classes));
                }
            }
            Map<String, Object> py = runPython(python, d, pixels, in);
            assertEquals(java, ((List<?>) py.get("classes")).stream().map(o -> ((Number) o).intValue())
                    .collect(Collectors.toList()), "the Python client's classes against the Java client's");
            assertEquals(List.of(d.model.classes().get(java.get(0))), py.get("names"));
            assertEquals(2, ((List<?>) py.get("rounds")).size(), "one cost per party");
            assertTrue(String.valueOf(py.get("wrong_shape")).startsWith("ValueError: input shape (1, 1, 28, 29)"),
                    String.valueOf(py.get("wrong_shape")));
            assertTrue(String.valueOf(py.get("no_certificate")).startsWith("FileNotFoundError: client certificate not found"),
                    String.valueOf(py.get("no_certificate")));
            assertTrue(String.valueOf(py.get("swapped")).contains("is party-1, not party-0"), String.valueOf(py.get("swapped")));
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> runPython(Path python, TestDeployment d, Path pixels, Shape in) throws Exception {
        String addresses = d.grpcAddresses().stream().map(a -> a.getHostString() + ":" + a.getPort())
                .collect(Collectors.joining(","));
        Path client = HostTools.repositoryRoot("clients/python/sturdy_client").resolve("clients/python");
        ProcessBuilder pb = new ProcessBuilder(python.toString(), client.resolve("tests/against_deployment.py").toString(),
                addresses, dir.resolve("client").toString(), pixels.toString(), Integer.toString(IMAGES),
                Integer.toString(in.channels()), Integer.toString(in.height()), Integer.toString(in.width()))
                .redirectError(dir.resolve("python.err").toFile());
        pb.environment().put("PYTHONPATH", client.toString());
        pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the Python client did not finish in 120 s");
        assertEquals(0, p.exitValue(), "python failed:\n" + Files.readString(dir.resolve("python.err")));
        return (Map<String, Object>) Json.parse(out.strip());
    }
}
