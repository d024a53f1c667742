package dev.sturdy.model.data;

import static dev.sturdy.model.data.ImageFolderTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarBinaryTest {

    @TempDir
    Path dir;

    /** Pixel byte j of record seed: a pattern that differs between records and channels. */
    private static int pixel(int seed, int j) {
        return (seed * 31 + j * 7 + j / 1024) % 256;
    }

    private static byte[] records(int[] seeds, int[]... labelBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int r = 0; r < seeds.length; r++) {
            for (int[] labels : labelBytes) {
                out.write(labels[r]);
            }
            for (int j = 0; j < 3072; j++) {
                out.write(pixel(seeds[r], j));
            }
        }
        return out.toByteArray();
    }

    private static void assertRecord(Dataset d, int index, int seed, int label) {
        assertEquals(label, d.label(index));
        double[] out = new double[3072];
        d.readPixels(index, out, 0);
        for (int j = 0; j < 3072; j++) {
            assertEquals(pixel(seed, j) / 255.0, out[j], 1e-12, "record " + index + " byte " + j);
        }
    }

    @Test
    void cifar10RecordsAreReadExactly() throws IOException {
        Files.write(dir.resolve("test_batch.bin"), records(new int[] {1, 2, 3}, new int[] {9, 0, 4}));
        Dataset d = DataSpec.open("cifar10-bin:" + dir);
        assertEquals(3, d.size());
        assertEquals(3, d.channels());
        assertEquals(32, d.height());
        assertEquals(32, d.width());
        assertEquals("truck", d.classes().get(9));
        assertRecord(d, 0, 1, 9);
        assertRecord(d, 1, 2, 0);
        assertRecord(d, 2, 3, 4);
        assertEquals(3, DataSpec.open("cifar10-bin:" + dir.resolve("test_batch.bin")).size());
    }

    @Test
    void readsFromManyThreadsAtOnce() throws IOException {
        int[] seeds = IntStream.range(0, 300).toArray();
        int[] labels = IntStream.range(0, 300).map(i -> i % 10).toArray();
        Files.write(dir.resolve("test_batch.bin"), records(seeds, labels));
        Dataset d = DataSpec.open("cifar10-bin:" + dir);
        IntStream.range(0, 3000).parallel().forEach(i -> assertRecord(d, i % 300, i % 300, i % 10));
    }

    @Test
    void splitsChooseTestOrTrainBatchesAndDefaultToTest() throws IOException {
        Files.write(dir.resolve("test_batch.bin"), records(new int[] {1}, new int[] {1}));
        Files.write(dir.resolve("data_batch_1.bin"), records(new int[] {5, 6}, new int[] {5, 6}));
        Files.write(dir.resolve("data_batch_2.bin"), records(new int[] {7}, new int[] {7}));
        assertEquals(1, DataSpec.open("cifar10-bin:" + dir).size());
        assertEquals(1, DataSpec.open("cifar10-bin:" + dir + ":test").size());
        Dataset train = DataSpec.open("cifar10-bin:" + dir + ":train");
        assertEquals(3, train.size());
        assertRecord(train, 2, 7, 7);
        Files.delete(dir.resolve("test_batch.bin"));
        assertEquals(3, DataSpec.open("cifar10-bin:" + dir).size());
        assertMessage("cifar10-bin:" + dir + ":test", dir + ": no test files");
    }

    @Test
    void classNamesComeFromTheMetaFileWhenPresent() throws IOException {
        Files.write(dir.resolve("test_batch.bin"), records(new int[] {1}, new int[] {1}));
        Files.writeString(dir.resolve("batches.meta.txt"), "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n\n");
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"),
                DataSpec.open("cifar10-bin:" + dir).classes());
        Files.writeString(dir.resolve("batches.meta.txt"), "only\ntwo\n");
        assertMessage("cifar10-bin:" + dir, dir.resolve("batches.meta.txt") + ": 2 class names; expected 10");
    }

    @Test
    void cifar100UsesTheFineLabel() throws IOException {
        Files.write(dir.resolve("test.bin"), records(new int[] {4, 8}, new int[] {19, 3}, new int[] {99, 42}));
        Dataset d = DataSpec.open("cifar100-bin:" + dir);
        assertEquals(100, d.classes().size());
        assertEquals("class42", d.classes().get(42));
        assertRecord(d, 0, 4, 99);
        assertRecord(d, 1, 8, 42);
        Files.write(dir.resolve("train.bin"), records(new int[] {2}, new int[] {0}, new int[] {1}));
        assertRecord(DataSpec.open("cifar100-bin:" + dir + ":train"), 0, 2, 1);
    }

    @Test
    void badFilesGiveOneClearLine() throws IOException {
        Path file = dir.resolve("test_batch.bin");
        byte[] two = records(new int[] {1, 2}, new int[] {1, 2});
        Files.write(file, java.util.Arrays.copyOf(two, two.length - 5));
        assertMessage("cifar10-bin:" + dir, file + ": 6141 bytes is not a whole number of 3073-byte");
        Files.write(file, records(new int[] {1, 2}, new int[] {1, 10}));
        assertMessage("cifar10-bin:" + dir, file + ": record 1 has label 10; expected 0..9");
        Path missing = dir.resolve("nowhere");
        assertMessage("cifar10-bin:" + missing, missing + ": does not exist; expected a directory holding test_batch.bin");
        assertMessage("cifar10-bin:" + file + ":train", "cifar10-bin:" + file + ": a split suffix needs a directory");
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertMessage("cifar100-bin:" + empty, empty + ": no batch files; expected a directory holding test.bin");
    }
}
