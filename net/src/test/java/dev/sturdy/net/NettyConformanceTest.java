package dev.sturdy.net;

import dev.sturdy.protocol.net.NetworkConformance;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The protocol's network contract, over real loopback sockets. */
class NettyConformanceTest {
    private final LoopbackRoles roles = new LoopbackRoles();

    @AfterEach
    void stop() {
        roles.close();
    }

    @Test
    void tlsTransportPassesTheNetworkContract() {
        NetworkConformance.check(n -> LoopbackRoles.open(roles.start(n, true, Duration.ofSeconds(2)), 0));
    }

    @Test
    void plaintextTransportPassesTheNetworkContract() {
        NetworkConformance.check(n -> LoopbackRoles.open(roles.start(n, false, Duration.ofSeconds(2)), 0));
    }
}
