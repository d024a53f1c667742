package dev.sturdy.party.cli;

import dev.sturdy.party.config.RoleConfig;
import dev.sturdy.party.server.DealerServer;
import dev.sturdy.protocol.net.NetworkException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sturdy dealer --config FILE}: runs the dealer until stopped (SIGTERM or Ctrl-C). */
@Command(name = "dealer", mixinStandardHelpOptions = true,
        description = "Run the dealer: correlated randomness for every query, over the MPC connections.")
public final class DealerCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "The dealer's properties file (see 'sturdy certs').")
    private Path config;

    @Override
    public Integer call() throws Exception {
        RoleConfig cfg = RoleConfig.load(config);
        System.err.println("dealer: connecting to the compute parties");
        DealerServer dealer;
        try {
            dealer = DealerServer.start(cfg);
        } catch (NetworkException e) {
            return RoleFailure.report("dealer", e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dealer.close();
            stopped.countDown();
        }, "sturdy-dealer-stop"));
        System.err.println("dealer: connected to every compute party, serving");
        stopped.await();
        return 0;
    }
}
