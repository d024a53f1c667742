package dev.sturdy.party.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.net.LinkEmulation;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoleConfigLinkTest {
    @TempDir
    Path dir;

    private static RoleConfig dealer(LinkEmulation link) {
        InetSocketAddress a = new InetSocketAddress("127.0.0.1", 7000);
        return new RoleConfig(true, 2, 2, a, List.of(a, a, a), null, Path.of("c.pem"), Path.of("k.pem"),
                Path.of("ca.pem"), Path.of("model.share"), 9, 16, 4, Duration.ofSeconds(5), Duration.ofSeconds(9), link);
    }

    @Test
    void linkKeysSurviveSaveAndLoadAndDefaultToOff() throws IOException {
        Path file = dir.resolve("role.properties");
        dealer(LinkEmulation.of(12.5, 100)).save(file);
        assertTrue(Files.readString(file).contains("link.delay.ms=12.5"));
        RoleConfig back = RoleConfig.load(file);
        assertEquals(Duration.ofMillis(12).plusNanos(500_000), back.link().oneWayDelay());
        assertEquals(100_000_000L, back.link().bitsPerSecond());
        dealer(LinkEmulation.NONE).save(file);
        assertTrue(!Files.readString(file).contains("link."));
        assertEquals(LinkEmulation.NONE, RoleConfig.load(file).link());
    }

    @Test
    void aBadLinkValueIsNamed() throws IOException {
        Path file = dir.resolve("role.properties");
        dealer(LinkEmulation.NONE).save(file);
        Files.writeString(file, Files.readString(file) + "link.delay.ms=soon\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RoleConfig.load(file));
        assertTrue(e.getMessage().contains("'link.delay.ms' must be a non-negative number"), e.getMessage());
    }
}
