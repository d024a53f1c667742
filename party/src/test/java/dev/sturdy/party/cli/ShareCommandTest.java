package dev.sturdy.party.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.Model;
import dev.sturdy.model.PannSettings;
import dev.sturdy.model.TestData;
import dev.sturdy.model.file.ModelFiles;
import dev.sturdy.party.compute.ActivationRange;
import dev.sturdy.party.compute.ModelShareFile;
import dev.sturdy.party.samples.DemoModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sturdy share --data}: activation ranges measured on validation images, refused beyond the bound, recorded. */
class ShareCommandTest {
    @TempDir
    Path dir;

    @Test
    void aModelWhoseActivationsLeaveTheBoundIsRefusedAndAGoodOnesRangeIsRecorded() throws Exception {
        String data = "idx:" + TestData.fashionMnist();
        Model demo = DemoModel.load();
        Path good = dir.resolve("good.model");
        ModelFiles.write(demo, good);
        CliRun ok = CliRun.of("share", "--model", good.toString(), "--out", dir.resolve("ok").toString(),
                "--data", data, "--limit", "200");
        assertEquals(0, ok.exitCode(), ok.err());
        for (String role : new String[] {"party-0", "party-1", "dealer"}) {
            Model structure = ModelShareFile.load(dir.resolve("ok").resolve(role).resolve(ModelShareFile.FILE_NAME)).structure();
            ActivationRange r = ActivationRange.of(structure).orElseThrow();
            assertEquals(200, r.images(), role);
            assertTrue(r.maxAbs() > 0 && r.maxAbs() <= demo.pann().bound(), role + ": " + r);
        }

        Model tight = new Model(demo.name(), demo.architecture(), demo.graph(), demo.classes(), demo.normalization(),
                new PannSettings(1, demo.pann().beta()), demo.metadata());
        Path bad = dir.resolve("tight.model");
        ModelFiles.write(tight, bad);
        CliRun refused = CliRun.of("share", "--model", bad.toString(), "--out", dir.resolve("no").toString(),
                "--data", data, "--limit", "200");
        assertEquals(2, refused.exitCode(), "a user error: " + refused.err());
        assertTrue(refused.err().contains("leave [-1, 1]") && refused.err().contains("--force"), refused.err());
        assertTrue(Files.notExists(dir.resolve("no").resolve("party-0")), "nothing written");

        CliRun forced = CliRun.of("share", "--model", bad.toString(), "--out", dir.resolve("forced").toString(),
                "--data", data, "--limit", "200", "--force");
        assertEquals(0, forced.exitCode(), forced.err());
        assertTrue(forced.err().contains("warning:"), forced.err());
        double recorded = ActivationRange.of(ModelShareFile.load(dir.resolve("forced/party-0")
                .resolve(ModelShareFile.FILE_NAME)).structure()).orElseThrow().maxAbs();
        assertTrue(recorded > 1, "the recorded range shows the violation: " + recorded);

        CliRun unchecked = CliRun.of("share", "--model", good.toString(), "--out", dir.resolve("unchecked").toString());
        assertEquals(0, unchecked.exitCode(), unchecked.err());
        assertTrue(unchecked.err().contains("activation ranges not checked"), unchecked.err());
    }
}
