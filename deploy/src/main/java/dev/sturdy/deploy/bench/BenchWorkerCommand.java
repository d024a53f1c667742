package dev.sturdy.deploy.bench;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sturdy bench-worker}: one role of a {@code sturdy bench} run (started by the bench, not by users). */
@Command(name = "bench-worker", hidden = true, mixinStandardHelpOptions = true, description = "One role of a 'sturdy bench' run.")
public final class BenchWorkerCommand implements Callable<Integer> {
    @Option(names = "--dir", required = true, description = "The bench directory (plan.json, certificates, shares).")
    private Path dir;

    @Option(names = "--role", required = true, description = "Role id: 0..N-1 compute parties, N the dealer.")
    private int role;

    @Override
    public Integer call() throws Exception {
        new BenchWorker(dir, role).run(System.out);
        return 0;
    }
}
