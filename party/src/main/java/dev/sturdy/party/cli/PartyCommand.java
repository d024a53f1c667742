package dev.sturdy.party.cli;

import dev.sturdy.party.config.RoleConfig;
import dev.sturdy.party.server.PartyServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sturdy party --config FILE}: runs one compute party until stopped (SIGTERM or Ctrl-C). */
@Command(name = "party", mixinStandardHelpOptions = true,
        description = "Run a compute party: the client API (TLS gRPC) and the MPC connections to the other roles.")
public final class PartyCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "The role's properties file (see 'sturdy certs').")
    private Path config;

    @Override
    public Integer call() throws Exception {
        RoleConfig cfg = RoleConfig.load(config);
        PartyServer server = PartyServer.start(cfg);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sturdy-party-stop"));
        System.err.println("party " + cfg.id() + ": client API on port " + server.grpcPort()
                + "; connecting to the other roles");
        try {
            server.awaitConnected();
        } catch (CompletionException e) {
            server.close();
            return RoleFailure.report("party " + cfg.id(), e.getCause());
        }
        System.err.println("party " + cfg.id() + ": connected to every role, serving");
        server.awaitTermination();
        return 0;
    }
}
