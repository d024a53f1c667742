package dev.sturdy.model.io;

import static dev.sturdy.model.io.NpzReaderTest.assertError;
import static dev.sturdy.model.io.NpzReaderTest.littleEndian;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sturdy.model.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsReaderTest {

    @TempDir
    Path dir;

    /** Header entries and the data section, assembled the way the safetensors library lays them out. */
    private static final class Builder {
        final Map<String, Object> header = new LinkedHashMap<>();
        final ByteArrayOutputStream data = new ByteArrayOutputStream();

        Builder tensor(String name, String dtype, List<Integer> shape, byte[] bytes) {
            header.put(name, Map.of("dtype", dtype, "shape", shape,
                    "data_offsets", List.of(data.size(), data.size() + bytes.length)));
            data.writeBytes(bytes);
            return this;
        }

        byte[] bytes(String headerText) {
            StringBuilder text = new StringBuilder(headerText);
            while (text.length() % 8 != 0) {
                text.append(' ');
            }
            byte[] json = text.toString().getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = ByteBuffer.allocate(8 + json.length + data.size()).order(ByteOrder.LITTLE_ENDIAN);
            return b.putLong(json.length).put(json).put(data.toByteArray()).array();
        }

        byte[] bytes() {
            return bytes(Json.write(header));
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void readsEveryDtypeInHeaderOrderAndSkipsMetadata() throws IOException {
        Builder b = new Builder();
        b.header.put("__metadata__", Map.of("format", "pt"));
        b.tensor("conv.weight", "F32", List.of(2, 1, 1, 2), littleEndian(16,
                        x -> x.putFloat(0.5f).putFloat(-1f).putFloat(3e-5f).putFloat(7f)))
                .tensor("bn.eps", "F64", List.of(), littleEndian(8, x -> x.putDouble(1e-5)))
                .tensor("half", "F16", List.of(3), littleEndian(6,
                        x -> x.putShort((short) 0x3555).putShort((short) 0x8000).putShort((short) 0x0400)))
                .tensor("brain", "BF16", List.of(2), littleEndian(4,
                        x -> x.putShort((short) 0x3F80).putShort((short) 0xC049)))
                .tensor("steps", "I64", List.of(1), littleEndian(8, x -> x.putLong(123456789L)))
                .tensor("ids", "I32", List.of(2), littleEndian(8, x -> x.putInt(-1).putInt(40)));
        Map<String, NamedArray> tensors = TensorArchives.read(write("m.safetensors", b.bytes()));
        assertEquals(List.of("conv.weight", "bn.eps", "half", "brain", "steps", "ids"), List.copyOf(tensors.keySet()));
        assertArrayEquals(new int[] {2, 1, 1, 2}, tensors.get("conv.weight").shape());
        assertArrayEquals(new float[] {0.5f, -1f, 3e-5f, 7f}, tensors.get("conv.weight").values());
        assertArrayEquals(new int[0], tensors.get("bn.eps").shape());
        assertArrayEquals(new float[] {1e-5f}, tensors.get("bn.eps").values());
        // 0x3555 is the half closest to 1/3; 0x0400 the smallest normal half, 2^-14.
        assertArrayEquals(new float[] {0.333251953125f, -0f, 0x1p-14f}, tensors.get("half").values());
        assertArrayEquals(new float[] {1f, -3.140625f}, tensors.get("brain").values());
        assertArrayEquals(new float[] {123456789f}, tensors.get("steps").values());
        assertArrayEquals(new float[] {-1f, 40f}, tensors.get("ids").values());
    }

    @Test
    void badFilesGiveOneClearLine() throws IOException {
        byte[] two = littleEndian(8, x -> x.putFloat(1).putFloat(2));
        byte[] good = new Builder().tensor("w", "F32", List.of(2), two).bytes();
        assertError(write("cut.safetensors", Arrays.copyOf(good, good.length - 3)),
                "tensor w: data_offsets [0, 8] outside the 5-byte data section (truncated file?)");
        assertError(write("head.safetensors", Arrays.copyOf(good, 20)), "does not fit the 20-byte file");
        assertError(write("tiny.safetensors", new byte[3]), "3 bytes; expected at least the 8-byte header length");
        assertError(write("size.safetensors", new Builder().tensor("w", "F32", List.of(3), two).bytes()),
                "tensor w: 8 data bytes; expected 12 for F32 of shape [3]");
        assertError(write("dtype.safetensors", new Builder().tensor("w", "U8", List.of(8), two).bytes()),
                "tensor w: dtype U8; expected one of [F32, F64, F16, BF16, I64, I32]");
        assertError(write("json.safetensors", new Builder().tensor("w", "F32", List.of(2), two).bytes("{\"w\": [")),
                "header is not valid JSON");
        Builder offsets = new Builder().tensor("w", "F32", List.of(2), two);
        offsets.header.put("w", Map.of("dtype", "F32", "shape", List.of(2), "data_offsets", List.of(8, 0)));
        assertError(write("offsets.safetensors", offsets.bytes()), "tensor w: data_offsets [8, 0] outside");
    }
}
