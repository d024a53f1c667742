package dev.sturdy.deploy;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.party.client.SturdyClient;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client sends share i only to compute party i: an address given twice, or a real party at
 * another party's position, is refused before any query, naming the address and who answers there.
 */
class ClientChecksPartiesTest {
    @TempDir
    Path dir;

    @Test
    void anAddressGivenTwiceOrAPartyAtTheWrongPositionIsRefusedBeforeAnyShareIsSent() throws Exception {
        TestDeployment d = new TestDeployment(2, dir, Duration.ofSeconds(5));
        try (InProcessRoles roles = InProcessRoles.start(d.configs)) { // real servers over TLS on loopback
            InetSocketAddress p0 = d.grpcAddresses().get(0);
            InetSocketAddress p1 = d.grpcAddresses().get(1);
            assertRefused(List.of(p0, p0), "127.0.0.1:" + p0.getPort() + " is party-0, not party-1");
            assertRefused(List.of(p1, p0), "127.0.0.1:" + p1.getPort() + " is party-1, not party-0");
            try (SturdyClient client = new SturdyClient(List.of(p0, p1), DeploymentWriter.client(dir), Duration.ofSeconds(20))) {
                double[] x = d.randomInput(1, 5);
                d.assertAgrees(x, 1, client.infer(x, 1).logits());
            }
        }
    }

    private void assertRefused(List<InetSocketAddress> addresses, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SturdyClient(addresses, DeploymentWriter.client(dir), Duration.ofSeconds(10)).close());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
