package dev.sturdy.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The multi-host test on network namespaces ({@code deploy/netns/run.sh}) run from the test suite
 * with the test class path: opt-in with {@code -Dsturdy.netns=true}, because it takes one to two
 * minutes on a loaded 2-core machine, and it needs root, iproute2 and python3.
 */
class NetworkNamespacesTest {
    private static final String SCRIPT = "deploy/netns/run.sh";

    @Test
    void aDeploymentAcrossNamespacesAgreesWithThePlaintextPann() throws Exception {
        assumeTrue(Boolean.getBoolean("sturdy.netns"),
                "opt-in: -Dsturdy.netns=true runs " + SCRIPT + " (1-2 minutes, needs root, ip and python3)");
        assumeTrue(output("id", "-u").strip().equals("0"), "needs root to create network namespaces");
        assumeTrue(HostTools.onPath("ip") && HostTools.onPath("python3"), "needs ip (iproute2) and python3");
        Path script = HostTools.repositoryRoot(SCRIPT).resolve(SCRIPT);
        Path log = Files.createTempFile("sturdy-netns-test", ".log");
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "--parties", "2", "--images", "1")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("STURDY_CLASSPATH", System.getProperty("java.class.path"));
        Process p = pb.start();
        boolean ended = p.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            p.destroy(); // SIGTERM: the script's trap removes the namespaces and stops the roles
            p.waitFor(30, TimeUnit.SECONDS);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(ended, SCRIPT + " did not end within 5 minutes:\n" + out);
        assertEquals(0, p.exitValue(), SCRIPT + " failed:\n" + out);
        assertTrue(out.contains("agrees") && !out.contains("DIFFERS"), out);
        Files.delete(log);
    }

    private static String output(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
