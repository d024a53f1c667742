package dev.sturdy.model.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {

    private static final int W = 4;
    private static final int H = 3;

    @TempDir
    Path dir;

    /** A sample value per (image seed, channel, row, column) that exercises the whole byte range. */
    static int value(int seed, int c, int y, int x) {
        return (50 * seed + 37 * c + 11 * y + 5 * x + 3) % 256;
    }

    static Path writeRgb(Path file, int seed, String format) throws IOException {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                image.setRGB(x, y, value(seed, 0, y, x) << 16 | value(seed, 1, y, x) << 8 | value(seed, 2, y, x));
            }
        }
        return write(image, file, format);
    }

    static Path writeGrey(Path file, int seed, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, value(seed, 0, y, x));
            }
        }
        return write(image, file, "png");
    }

    private static Path write(BufferedImage image, Path file, String format) throws IOException {
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(image, format, file.toFile()), "no writer for " + format);
        return file;
    }

    private static double[] pixels(Dataset d, int index) {
        double[] out = new double[d.imageSize() + 2];
        d.readPixels(index, out, 2);
        return out;
    }

    @Test
    void readsColourImagesInSortedClassAndFileOrder() throws IOException {
        writeRgb(dir.resolve("zebra/b.png"), 0, "png");
        writeRgb(dir.resolve("zebra/a.bmp"), 1, "bmp");
        writeRgb(dir.resolve("ant/only.PNG"), 2, "png");
        Files.writeString(dir.resolve("ant/notes.txt"), "not an image");
        Dataset d = DataSpec.open("imagefolder:" + dir);
        assertEquals(List.of("ant", "zebra"), d.classes());
        assertEquals(3, d.size());
        assertEquals(3, d.channels());
        assertEquals(H, d.height());
        assertEquals(W, d.width());
        int[] seeds = {2, 1, 0};
        int[] labels = {0, 1, 1};
        for (int i = 0; i < 3; i++) {
            assertEquals(labels[i], d.label(i));
            double[] out = pixels(d, i);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        assertEquals(value(seeds[i], c, y, x) / 255.0, out[2 + (c * H + y) * W + x], 1e-12);
                    }
                }
            }
        }
    }

    @Test
    void greyImagesHaveOneChannelAndJoinColourOnesAsThreeEqualChannels() throws IOException {
        Path grey = dir.resolve("grey");
        writeGrey(grey.resolve("digit/0.png"), 4, W, H);
        Dataset g = DataSpec.open("imagefolder:" + grey);
        assertEquals(1, g.channels());
        double[] out = pixels(g, 0);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                assertEquals(value(4, 0, y, x) / 255.0, out[2 + y * W + x], 1e-12);
            }
        }
        Path mixed = dir.resolve("mixed");
        writeGrey(mixed.resolve("a/grey.png"), 4, W, H);
        writeRgb(mixed.resolve("b/colour.png"), 5, "png");
        Dataset m = DataSpec.open("imagefolder:" + mixed);
        assertEquals(3, m.channels());
        double[] rgb = pixels(m, 0);
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < H * W; i++) {
                assertEquals(out[2 + i], rgb[2 + c * H * W + i], 1e-12);
            }
        }
    }

    @Test
    void sixteenBitGreyIsScaledToEightBits() throws IOException {
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        int[] samples = {0, 257 * 100, 65535};
        for (int x = 0; x < 3; x++) {
            image.getRaster().setSample(x, 0, 0, samples[x]);
        }
        Image read = Image.read(write(image, dir.resolve("deep.png"), "png"));
        assertEquals(1, read.channels());
        assertArrayEquals(new double[] {0, 100 / 255.0, 1}, read.pixels(), 1e-12);
    }

    @Test
    void jpegDecodesCloseToWhatWasWritten() throws IOException {
        BufferedImage flat = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                flat.setRGB(x, y, 200 << 16 | 100 << 8 | 30);
            }
        }
        write(flat, dir.resolve("c/flat.jpg"), "jpg");
        Image image = Image.read(dir.resolve("c/flat.jpg"));
        assertEquals(3, image.channels());
        int[] expected = {200, 100, 30};
        for (int i = 0; i < image.pixels().length; i++) {
            assertEquals(expected[i / 256], image.pixels()[i] * 255, 3.0, "sample " + i);
        }
    }

    @Test
    void imageReadGivesShapeAndChwPixels() throws IOException {
        Path file = writeRgb(dir.resolve("one.png"), 7, "png");
        Image image = Image.read(file);
        assertEquals(3, image.channels());
        assertEquals(H, image.height());
        assertEquals(W, image.width());
        assertEquals(value(7, 2, 1, 3) / 255.0, image.pixels()[(2 * H + 1) * W + 3], 1e-12);
        Path grey = writeGrey(dir.resolve("grey.png"), 1, 5, 2);
        assertEquals(1, Image.read(grey).channels());
        assertEquals(10, Image.read(grey).pixels().length);
    }

    @Test
    void mixedSizesNameTheOddFile() throws IOException {
        writeGrey(dir.resolve("a/first.png"), 0, W, H);
        Path odd = writeGrey(dir.resolve("b/odd.png"), 0, W + 1, H);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataSpec.open("imagefolder:" + dir));
        assertTrue(e.getMessage().startsWith(odd + ": image is 5x3 pixels; expected 4x3"), e.getMessage());
    }

    @Test
    void badFoldersGiveOneClearLine() throws IOException {
        Path missing = dir.resolve("missing");
        assertMessage("imagefolder:" + missing, missing + ": not a directory");
        Files.createDirectories(dir.resolve("empty/cls"));
        assertMessage("imagefolder:" + dir.resolve("empty"), dir.resolve("empty") + ": no images");
        Path broken = dir.resolve("broken/cls/x.png");
        Files.createDirectories(broken.getParent());
        Files.writeString(broken, "this is not a PNG");
        assertMessage("imagefolder:" + dir.resolve("broken"), broken + ": not a readable image");
        assertThrows(IllegalArgumentException.class, () -> Image.read(broken));
    }

    static void assertMessage(String spec, String start) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataSpec.open(spec));
        assertTrue(e.getMessage().startsWith(start), "message: " + e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
}
