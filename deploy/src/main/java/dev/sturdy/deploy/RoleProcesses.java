package dev.sturdy.deploy;

import dev.sturdy.deploy.cli.Sturdy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Role processes on this machine: the command line that runs a {@code sturdy} subcommand in a child JVM, and stopping them. */
public final class RoleProcesses {
    private RoleProcesses() {
    }

    /** {@code java -Xmx<maxHeap> -cp <this classpath> Sturdy <arguments>}, with the same java as this process. */
    public static List<String> command(String maxHeap, String... arguments) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + maxHeap, "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), Sturdy.class.getName()));
        cmd.addAll(List.of(arguments));
        return cmd;
    }

    /** SIGTERM to all (their shutdown hooks run), then SIGKILL to those still alive after {@code grace}. */
    public static void stop(List<Process> processes, Duration grace) {
        processes.forEach(Process::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (Process p : processes) {
            try {
                if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }
}
