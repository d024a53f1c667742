package dev.sturdy.deploy;

import dev.sturdy.party.config.RoleConfig;
import dev.sturdy.party.server.DealerServer;
import dev.sturdy.party.server.PartyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Every role of a written deployment in this JVM, over real loopback sockets: the compute parties and the dealer, connected. */
public final class InProcessRoles implements AutoCloseable {
    public final PartyServer[] parties;
    public final DealerServer dealer;

    private InProcessRoles(PartyServer[] parties, DealerServer dealer) {
        this.parties = parties;
        this.dealer = dealer;
    }

    /** @param configs the roles' configuration files: the parties in id order, then the dealer */
    public static InProcessRoles start(List<Path> configs) throws IOException {
        int n = configs.size() - 1;
        // The dealer's start returns only once every party has connected to it.
        CompletableFuture<DealerServer> dealer = CompletableFuture.supplyAsync(() -> {
            try {
                return DealerServer.start(RoleConfig.load(configs.get(n)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        PartyServer[] parties = new PartyServer[n];
        for (int p = 0; p < n; p++) {
            parties[p] = PartyServer.start(RoleConfig.load(configs.get(p)));
        }
        InProcessRoles roles = new InProcessRoles(parties, dealer.join());
        for (PartyServer p : parties) {
            p.awaitConnected();
        }
        return roles;
    }

    @Override
    public void close() {
        dealer.close();
        for (PartyServer p : parties) {
            p.close();
        }
    }
}
