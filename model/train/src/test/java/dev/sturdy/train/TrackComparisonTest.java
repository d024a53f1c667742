package dev.sturdy.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison plot's CSV holds exactly the values of the runs' track CSVs, for the chosen columns. */
class TrackComparisonTest {

    @TempDir
    Path dir;

    @Test
    void combinesTheChosenColumnsOfEveryRun() throws Exception {
        int[] betas = {8, 9};
        List<List<EpochRecord>> histories = List.of(history(3, 10.0), history(3, 40.0));
        Path a = dir.resolve("a.track.csv");
        Path b = dir.resolve("b.track.csv");
        PannTracker.writeCsv(a, betas, histories.get(0));
        PannTracker.writeCsv(b, betas, histories.get(1));

        Path png = dir.resolve("both.png");
        TrackComparison.write(png, "test", List.of("backbone", "B9"),
                List.of(TrackComparison.Run.read("wd 0", a), TrackComparison.Run.read("wd 5e-4", b)));

        List<String> lines = Files.readAllLines(dir.resolve("both.csv"));
        assertEquals("run,epoch,column,accuracy", lines.get(0));
        assertEquals(1 + 2 * 2 * 3, lines.size(), "2 runs x 2 columns x 3 epochs");
        List<String> expected = new ArrayList<>();
        String[] labels = {"wd 0", "wd 5e-4"};
        for (int run = 0; run < 2; run++) {
            for (String column : List.of("backbone", "B9")) {
                for (EpochRecord r : histories.get(run)) {
                    double v = column.equals("backbone") ? r.backbone() : r.pann()[1];
                    expected.add(String.format(java.util.Locale.ROOT, "%s,%d,%s,%.3f", labels[run], r.epoch(), column, v));
                }
            }
        }
        assertEquals(expected, lines.subList(1, lines.size()));
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > 100 && image.getHeight() > 100, "a PNG was drawn");
    }

    @Test
    void unknownColumnsAndFilesGiveOneClearLine() throws Exception {
        Path a = dir.resolve("a.track.csv");
        PannTracker.writeCsv(a, new int[] {8, 9}, history(2, 5.0));
        TrackComparison.Run run = TrackComparison.Run.read("x", a);
        assertEquals("run 'x' has no column 'B10'; it has epoch, lr, train_loss, train_accuracy, images_per_s, backbone, B8, B9, max_abs",
                assertThrows(IllegalArgumentException.class, () -> run.column("B10")).getMessage());
        Path missing = dir.resolve("none.csv");
        assertEquals(missing + ": no such file (expected a *.track.csv of sturdy train)",
                assertThrows(IllegalArgumentException.class, () -> TrackComparison.Run.read("y", missing)).getMessage());
    }

    /** Epochs 1..n with accuracies that differ per epoch, run and column. */
    private static List<EpochRecord> history(int n, double base) {
        List<EpochRecord> h = new ArrayList<>();
        for (int e = 1; e <= n; e++) {
            h.add(new EpochRecord(e, 0.1, 1.0 / e, 50 + e, 3, 100, base + e, new double[] {base + 2 * e + 0.25, base + 3 * e + 0.5},
                    10 + e));
        }
        return h;
    }
}
