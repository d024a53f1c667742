package dev.sturdy.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzReaderTest {

    @TempDir
    Path dir;

    /** A .npy file as numpy writes it: magic, version, header length, dict padded with spaces to 64 bytes. */
    static byte[] npy(int version, String dict, byte[] data) {
        int prefix = version == 1 ? 10 : 12;
        StringBuilder header = new StringBuilder(dict);
        while ((prefix + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        byte[] text = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(prefix + text.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0});
        if (version == 1) {
            b.putShort((short) text.length);
        } else {
            b.putInt(text.length);
        }
        return b.put(text).put(data).array();
    }

    static String dict(String descr, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    }

    static byte[] littleEndian(int bytes, java.util.function.Consumer<ByteBuffer> fill) {
        ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        fill.accept(b);
        return b.array();
    }

    /** Writes a zip with the given entries; even-numbered entries deflated, odd ones stored. */
    Path zip(String name, Object... nameAndBytes) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < nameAndBytes.length; i += 2) {
                byte[] bytes = (byte[]) nameAndBytes[i + 1];
                ZipEntry entry = new ZipEntry((String) nameAndBytes[i]);
                if (i / 2 % 2 == 1) {
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(bytes.length);
                    entry.setCompressedSize(bytes.length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        return file;
    }

    @Test
    void readsEveryDtypeShapeAndVersionInFileOrder() throws IOException {
        Path file = zip("all.npz",
                "w.npy", npy(1, dict("<f4", "(2, 3)"), littleEndian(24, b -> {
                    for (float v : new float[] {1.5f, -2f, 0f, 3.25f, 1e-7f, -1e30f}) {
                        b.putFloat(v);
                    }
                })),
                "scalar.npy", npy(1, dict("<f8", "()"), littleEndian(8, b -> b.putDouble(0.1))),
                "half.npy", npy(2, dict("<f2", "(5,)"), littleEndian(10, b -> {
                    for (int h : new int[] {0x3C00, 0xC000, 0x7BFF, 0x0001, 0x7C00}) {
                        b.putShort((short) h);
                    }
                })),
                "long.npy", npy(3, dict("<i8", "(1, 2)"), littleEndian(16, b -> b.putLong(-3).putLong(1L << 40))),
                "int.npy", npy(1, "{'shape': (2,), 'fortran_order': False, 'descr': '<i4'}",
                        littleEndian(8, b -> b.putInt(7).putInt(-8))),
                "empty.npy", npy(1, dict("<f4", "(0, 4)"), new byte[0]));
        Map<String, NamedArray> arrays = NpzReader.read(file);
        assertEquals(List.of("w", "scalar", "half", "long", "int", "empty"), List.copyOf(arrays.keySet()));
        assertArrayEquals(new int[] {2, 3}, arrays.get("w").shape());
        assertArrayEquals(new float[] {1.5f, -2f, 0f, 3.25f, 1e-7f, -1e30f}, arrays.get("w").values());
        assertArrayEquals(new int[0], arrays.get("scalar").shape());
        assertArrayEquals(new float[] {0.1f}, arrays.get("scalar").values());
        assertArrayEquals(new float[] {1f, -2f, 65504f, 0x1p-24f, Float.POSITIVE_INFINITY}, arrays.get("half").values());
        assertArrayEquals(new float[] {-3f, 0x1p40f}, arrays.get("long").values());
        assertArrayEquals(new int[] {1, 2}, arrays.get("long").shape());
        assertArrayEquals(new float[] {7f, -8f}, arrays.get("int").values());
        assertArrayEquals(new int[] {0, 4}, arrays.get("empty").shape());
        assertEquals("w", arrays.get("w").name());
    }

    @Test
    void badArraysGiveOneClearLine() throws IOException {
        byte[] four = littleEndian(16, b -> b.putFloat(1).putFloat(2).putFloat(3).putFloat(4));
        assertError(zip("f.npz", "a.npy", npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", four)),
                "entry a.npy: fortran_order is true; expected C order");
        assertError(zip("be.npz", "a.npy", npy(1, dict(">f4", "(4,)"), four)), "entry a.npy: dtype >f4; expected one of");
        assertError(zip("short.npz", "a.npy", npy(1, dict("<f4", "(5,)"), four)),
                "entry a.npy: 16 data bytes; expected 20 for <f4 of shape [5] (truncated)");
        assertError(zip("magic.npz", "a.npy", "hello, not numpy".getBytes(StandardCharsets.US_ASCII)),
                "entry a.npy: not a .npy array");
        assertError(zip("header.npz", "a.npy", npy(1, "{'descr': '<f4', 'shape': (4,", four)),
                "entry a.npy: bad .npy header");
        assertError(zip("txt.npz", "a.txt", four), "entry a.txt: not a .npy file");
    }

    @Test
    void truncatedOrMissingArchivesGiveOneClearLine() throws IOException {
        Path good = zip("good.npz", "a.npy", npy(1, dict("<f4", "(1,)"), littleEndian(4, b -> b.putFloat(1))));
        byte[] bytes = Files.readAllBytes(good);
        Path cut = Files.write(dir.resolve("cut.npz"), Arrays.copyOf(bytes, bytes.length / 2));
        assertError(cut, cut + ": not a readable zip archive");
        assertError(dir.resolve("none.npz"), dir.resolve("none.npz") + ": no such file");
        Path text = Files.writeString(dir.resolve("w.bin"), "weights");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TensorArchives.read(text));
        assertEquals(text + ": unknown tensor archive type; expected a .npz or .safetensors file", e.getMessage());
        assertEquals(1, TensorArchives.read(good).size());
    }

    static void assertError(Path file, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TensorArchives.read(file));
        assertTrue(e.getMessage().contains(part), "message: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), "names the file: " + e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void sharedResnet20HasPyTorchShapes() {
        Map<String, NamedArray> arrays = NpzReader.read(TestData.shared("models/resnet20-lee2022b.npz"));
        assertArrayEquals(new int[] {16, 3, 3, 3}, arrays.get("conv1.weight").shape());
        assertArrayEquals(new int[] {16}, arrays.get("bn1.running_var").shape());
        assertArrayEquals(new int[] {32, 16, 3, 3}, arrays.get("layer2.0.conv1.weight").shape());
        assertArrayEquals(new int[] {64, 64, 3, 3}, arrays.get("layer3.2.conv2.weight").shape());
        assertArrayEquals(new int[] {10, 64}, arrays.get("linear.weight").shape());
        assertArrayEquals(new int[] {10}, arrays.get("linear.bias").shape());
        // The archive's entries are sorted by name; the reader keeps that order.
        assertEquals("bn1.bias", arrays.keySet().iterator().next());
        // Values as numpy 2.4 reads them (checked by hand, once).
        float[] conv = arrays.get("conv1.weight").values();
        assertArrayEquals(new float[] {-0.2492365f, -0.5175008f, -0.1764228f}, Arrays.copyOf(conv, 3), 1e-7f);
        assertEquals(-0.00877291f, arrays.get("linear.bias").values()[0], 1e-8f);
        for (float v : arrays.get("layer1.0.bn1.running_var").values()) {
            assertTrue(v > 0, "running variances are positive");
        }
    }
}
