package dev.sturdy.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sturdy.deploy.cli.Sturdy;
import dev.sturdy.model.TestData;
import dev.sturdy.model.file.ModelFiles;
import dev.sturdy.party.cli.CliRun;
import dev.sturdy.party.samples.DemoModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 'sturdy k8s' manifests: their shape (always), and run with 'podman kube play' from the role image
 * (where podman and the image exist: deploy/container/build.sh builds it), queried through the
 * published ports with --check-plain, then 'podman kube down'.
 */
class KubernetesTest {
    private static final String IMAGE = "localhost/sturdy-role:latest";

    @TempDir
    Path dir;

    private Path deployment(int mpcPort, int grpcPort) throws Exception {
        Path dep = dir.resolve("dep");
        assertEquals(0, CliRun.with(Sturdy.commandLine(), "certs", "--hosts", "127.0.0.1", "--out", dep.toString(),
                "--mpc-port", Integer.toString(mpcPort), "--grpc-port", Integer.toString(grpcPort)).exitCode());
        Path model = dir.resolve("demo.model");
        ModelFiles.write(DemoModel.load(), model);
        assertEquals(0, CliRun.with(Sturdy.commandLine(), "share", "--model", model.toString(), "--out", dep.toString())
                .exitCode());
        return dep;
    }

    @Test
    void everyRoleGetsASecretAConfigMapADeploymentAndAService() throws Exception {
        Path dep = deployment(7100, 7200);
        Path yaml = dir.resolve("sturdy.yaml");
        assertEquals(0, CliRun.with(Sturdy.commandLine(), "k8s", "--deployment", dep.toString(), "--out", yaml.toString())
                .exitCode());
        String y = Files.readString(yaml);
        for (String role : List.of("party-0", "party-1", "dealer")) {
            for (String kind : List.of("Secret", "ConfigMap", "Deployment", "Service")) {
                assertTrue(y.contains("kind: " + kind + "\nmetadata:\n  name: sturdy-" + role), kind + " of " + role);
            }
        }
        assertEquals(3, y.split("-----BEGIN PRIVATE KEY-----", -1).length - 1, "one key per role, in its Secret");
        assertTrue(y.contains("tls.key=/etc/sturdy/tls/key.pem") && y.contains("model.share=/etc/sturdy/share/model.share"));
        assertTrue(y.contains("mpc.listen=0.0.0.0:7101"), "in a pod the MPC listener binds all of the pod's addresses");
        assertTrue(y.contains("readinessProbe:\n          httpGet: {path: /readyz, port: 9400}"));
        assertFalse(y.contains("hostNetwork"));
    }

    @Test
    void podmanKubePlayRunsTheRolesFromTheImageAndAQueryAgreesWithThePlaintext() throws Exception {
        assumeTrue(HostTools.onPath("podman") && HostTools.onPath("runc"), "podman and runc absent (apt-get install podman runc debootstrap)");
        int base = FreePorts.range(8);
        Path dep = deployment(base, base + 4);
        Path yaml = dir.resolve("sturdy.yaml");
        assertEquals(0, CliRun.with(Sturdy.commandLine(), "k8s", "--deployment", dep.toString(), "--host-network",
                "--tls-from-host", "--out", yaml.toString()).exitCode());
        for (String role : List.of("party-0", "party-1", "dealer")) {
            run("chown", "-R", "10001", dep.resolve(role).toString()); // the image's user reads its mounted directory
        }
        Path conf = dir.resolve("containers.conf");
        Files.writeString(conf, "[containers]\ndefault_ulimits = []\n");
        assumeTrue(podman(conf, "image", "exists", IMAGE) == 0, IMAGE + " absent: deploy/container/build.sh builds it");
        try {
            assertEquals(0, podman(conf, "kube", "play", yaml.toString()), "podman kube play");
            String parties = "127.0.0.1:" + (base + 4) + ",127.0.0.1:" + (base + 5);
            CliRun query = null;
            for (long end = System.nanoTime() + 120_000_000_000L; System.nanoTime() < end; Thread.sleep(2000)) {
                query = CliRun.with(Sturdy.commandLine(), "query", "--parties", parties, "--client-dir",
                        dep.resolve("client").toString(), "--data", "idx:" + TestData.fashionMnist(), "--limit", "4",
                        "--timeout", "20", "--check-plain", dir.resolve("demo.model").toString());
                if (query.exitCode() == 0) {
                    break;
                }
            }
            assertEquals(0, query.exitCode(), query.out() + query.err());
            assertEquals(4, query.out().lines().filter(l -> l.endsWith("agrees")).count(), query.out());
        } finally {
            podman(conf, "kube", "down", yaml.toString());
        }
    }

    private static int podman(Path conf, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(concat(List.of("podman", "--runtime", "runc"), args)).inheritIO();
        pb.environment().put("CONTAINERS_CONF", conf.toString());
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static List<String> concat(List<String> first, String... rest) {
        List<String> out = new java.util.ArrayList<>(first);
        out.addAll(List.of(rest));
        return out;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        assertEquals(0, new ProcessBuilder(command).inheritIO().start().waitFor(), String.join(" ", command));
    }
}
