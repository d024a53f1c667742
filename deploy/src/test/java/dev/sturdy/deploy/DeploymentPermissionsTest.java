package dev.sturdy.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sturdy.net.tls.RoleNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every private key of a written deployment, the CA's included, and every directory holding one are its owner's only. */
class DeploymentPermissionsTest {
    @TempDir
    Path dir;

    @Test
    void keysAreOwnerOnlyAndSoAreTheDirectoriesThatHoldThem() throws Exception {
        int parties = 3;
        Path out = dir.resolve("dep");
        DeploymentWriter.write(new DeploymentWriter.Layout(parties, List.of("localhost"), 9000, 9100, 9, 22, 4,
                Duration.ofSeconds(5), Duration.ofSeconds(5)), out, new SecureRandom());

        List<Path> keys;
        try (Stream<Path> all = Files.walk(out)) {
            keys = all.filter(p -> p.getFileName().toString().matches("key\\.pem|ca\\.key")).toList();
        }
        assertEquals(parties + 3, keys.size(), keys.toString()); // the CA, every role, the client
        for (Path key : keys) {
            assertEquals("rw-------", permissions(key), key.toString());
        }
        List<Path> dirs = new ArrayList<>(List.of(out.resolve("ca"), out.resolve("client")));
        for (int id = 0; id <= parties; id++) {
            dirs.add(out.resolve(RoleNames.of(id, parties)));
        }
        for (Path d : dirs) {
            assertEquals("rwx------", permissions(d), d.toString());
        }
    }

    private static String permissions(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
