package dev.sturdy.deploy;

import dev.sturdy.net.tls.TlsCredentials;
import dev.sturdy.party.api.HealthReply;
import dev.sturdy.party.api.HealthRequest;
import dev.sturdy.party.api.InferenceGrpc;
import dev.sturdy.party.server.GrpcTls;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every role of a written deployment as its own OS process on this machine ({@code java -cp} of
 * the running classpath, {@code sturdy party|dealer --config}), each logging to {@code role.log} in
 * its directory (appended, so a restarted role's log follows its previous run). {@link #awaitHealthy}
 * polls the parties' Health until all serve; {@link #kill} and {@link #restart} crash and restart
 * one role (fault tests, operators' drills); {@link #close} stops the processes (SIGTERM, which runs
 * their shutdown hooks, then SIGKILL after a grace period) and is also registered as a shutdown
 * hook, so no process outlives the launcher.
 */
public final class LocalCluster implements AutoCloseable {
    private static final Duration GRACE = Duration.ofSeconds(10);

    /** Every process started, restarted roles included. */
    private final List<Process> processes = new ArrayList<>();
    /** The current process of each role, by id (the dealer last). */
    private final Process[] roles;
    private final Path dir;
    private final Thread hook = new Thread(this::stopAll, "sturdy-local-stop");

    private LocalCluster(Path dir, int parties) {
        this.dir = dir;
        this.roles = new Process[parties + 1];
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts the dealer and the parties of the deployment written under {@code dir}. */
    public static LocalCluster start(Path dir, int parties) throws IOException {
        LocalCluster c = new LocalCluster(dir, parties);
        try {
            for (int id = parties; id >= 0; id--) {
                c.launch(id);
            }
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void launch(int id) throws IOException {
        int parties = roles.length - 1;
        Path roleDir = DeploymentWriter.roleDir(dir, id, parties);
        String command = id == parties ? "dealer" : "party";
        List<String> cmd = RoleProcesses.command("1g", command, "--config",
                roleDir.resolve(DeploymentWriter.CONFIG).toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(roleDir.resolve("role.log").toFile()));
        synchronized (processes) {
            Process p = pb.start();
            processes.add(p);
            roles[id] = p;
        }
    }

    /** The current process of role {@code id} (0..parties-1 compute parties, parties the dealer). */
    public Process process(int id) {
        synchronized (processes) {
            return roles[id];
        }
    }

    /** Crashes role {@code id}: SIGKILL, no shutdown hook runs; returns once the process is gone. */
    public void kill(int id) throws InterruptedException {
        process(id).destroyForcibly().waitFor();
    }

    /** Starts role {@code id} again from its configuration; its previous process must have ended. */
    public void restart(int id) throws IOException {
        if (process(id).isAlive()) {
            throw new IllegalStateException("role " + id + " is still running; kill or stop it first");
        }
        launch(id);
    }

    /** Every process this cluster started, in start order, restarted roles included. */
    public List<Process> processes() {
        synchronized (processes) {
            return List.copyOf(processes);
        }
    }

    /** Waits until every party reports SERVING, or throws naming the ones that do not (or died). */
    public void awaitHealthy(List<InetSocketAddress> parties, TlsCredentials client, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        var tls = GrpcTls.client(client);
        for (int p = 0; p < parties.size(); p++) {
            InetSocketAddress a = parties.get(p);
            ManagedChannel ch = NettyChannelBuilder.forAddress(a.getHostString(), a.getPort()).sslContext(tls).build();
            try {
                while (!serving(ch)) {
                    for (Process pr : roles()) {
                        if (!pr.isAlive()) {
                            throw new IllegalStateException("a role exited with code " + pr.exitValue()
                                    + " before the deployment was ready; see the role.log files");
                        }
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("party " + p + " at " + a + " was not serving within "
                                + timeout.toSeconds() + " s; see its role.log");
                    }
                    Thread.sleep(200);
                }
            } finally {
                ch.shutdownNow();
            }
        }
    }

    private List<Process> roles() {
        synchronized (processes) {
            return List.of(roles);
        }
    }

    private static boolean serving(ManagedChannel ch) {
        try {
            return InferenceGrpc.newBlockingStub(ch).withDeadlineAfter(2, TimeUnit.SECONDS)
                    .health(HealthRequest.getDefaultInstance()).getStatus() == HealthReply.Status.SERVING;
        } catch (StatusRuntimeException e) {
            return false; // not listening yet
        }
    }

    private void stopAll() {
        RoleProcesses.stop(processes(), GRACE);
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running or ran
        }
    }
}
