package dev.sturdy.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.deploy.RoleProcesses;
import dev.sturdy.model.json.Json;
import dev.sturdy.party.cli.CliRun;
import dev.sturdy.party.samples.DemoModel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sturdy local} as a user runs it, a process of its own that starts every role as a process:
 * the query command it prints classifies images as the plaintext PANN of the demo model, and
 * stopping it (SIGTERM, as Ctrl-C) stops every role.
 */
class LocalCommandTest {
    private static final Pattern SERVING =
            Pattern.compile("serving; query with: sturdy query --parties (\\S+) --client-dir (\\S+) --image x.png");

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void thePrintedQueryCommandClassifiesAsThePlaintextPannAndStoppingStopsEveryRole() throws Exception {
        Process local = new ProcessBuilder(RoleProcesses.command("512m", "local", "--parties", "2", "--out",
                dir.resolve("deployment").toString())).redirectError(dir.resolve("local.log").toFile()).start();
        try {
            Matcher serving = awaitLine(local, SERVING, Duration.ofSeconds(120));
            List<ProcessHandle> roles = local.descendants().toList();
            assertEquals(3, roles.size(), "the dealer and two compute parties: " + roles);

            SamplePngs samples = SamplePngs.write(dir, 2);
            CliRun query = CliRun.with(Sturdy.commandLine(), "query", "--parties", serving.group(1), "--client-dir",
                    serving.group(2), "--image", samples.argument(), "--json");
            assertEquals(0, query.exitCode(), query.err() + query.out());
            List<Map<String, Object>> rows = (List<Map<String, Object>>) ((Map<String, Object>) Json.parse(query.out()))
                    .get("results");
            for (int i = 0; i < 2; i++) {
                assertEquals(samples.plainClass(DemoModel.load(), 9, i), ((Number) rows.get(i).get("class")).intValue(),
                        "class of sample " + i);
            }

            local.destroy();
            assertTrue(local.waitFor(30, TimeUnit.SECONDS), "sturdy local did not stop on SIGTERM");
            for (ProcessHandle role : roles) {
                role.onExit().get(30, TimeUnit.SECONDS);
                assertFalse(role.isAlive(), "role process " + role.pid() + " outlived sturdy local");
            }
        } finally {
            local.destroyForcibly();
        }
    }

    /** Reads the process's standard output until a line matches; fails after {@code timeout}. */
    private static Matcher awaitLine(Process p, Pattern pattern, Duration timeout) throws Exception {
        CompletableFuture<Matcher> found = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    Matcher m = pattern.matcher(line);
                    if (m.matches()) {
                        return m;
                    }
                }
                throw new IllegalStateException("sturdy local ended (exit " + p.waitFor() + ") without serving");
            } catch (java.io.IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        return found.get(timeout.toSeconds(), TimeUnit.SECONDS);
    }
}
