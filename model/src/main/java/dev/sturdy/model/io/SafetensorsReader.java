package dev.sturdy.model.io;

import dev.sturdy.model.json.Json;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads safetensors files: an 8-byte little-endian header length, a JSON header naming each
 * tensor's dtype, shape and [begin, end) byte offsets into the data that follows.
 */
public final class SafetensorsReader {

    /** Far above any real header; guards against allocating gigabytes for a corrupt length. */
    private static final long MAX_HEADER = 100L << 20;

    private SafetensorsReader() {
    }

    /** All tensors in header order; the {@code __metadata__} entry is skipped. */
    public static Map<String, NamedArray> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file; expected a .safetensors file");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw new IllegalArgumentException(file + ": " + size + " bytes; expected at least the 8-byte header length");
            }
            long headerLength = readFully(channel, 0, 8).getLong();
            if (headerLength < 2 || headerLength > Math.min(MAX_HEADER, size - 8)) {
                throw new IllegalArgumentException(file + ": header length " + headerLength + " does not fit the "
                        + size + "-byte file (truncated or not safetensors)");
            }
            ByteBuffer headerBytes = readFully(channel, 8, (int) headerLength);
            Map<String, Object> header = parseHeader(file, StandardCharsets.UTF_8.decode(headerBytes).toString());
            long dataStart = 8 + headerLength;
            Map<String, NamedArray> tensors = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : header.entrySet()) {
                if (!e.getKey().equals("__metadata__")) {
                    TensorEntry t = TensorEntry.of(file, e.getKey(), e.getValue(), size - dataStart);
                    ByteBuffer data = readFully(channel, dataStart + t.begin, (int) (t.end - t.begin));
                    tensors.put(e.getKey(), new NamedArray(e.getKey(), t.shape, t.type.decode(data, t.count())));
                }
            }
            return tensors;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parseHeader(Path file, String text) {
        Object header;
        try {
            header = Json.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": header is not valid JSON (" + e.getMessage() + ")");
        }
        if (!(header instanceof Map)) {
            throw new IllegalArgumentException(file + ": header is not a JSON object");
        }
        return (Map<String, Object>) header;
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("unexpected end of file");
            }
        }
        return buffer.flip();
    }

    /** One header entry, checked against the data section's size. */
    private record TensorEntry(ElementType type, int[] shape, long begin, long end) {

        int count() {
            return (int) NamedArray.elementCount(shape);
        }

        static TensorEntry of(Path file, String name, Object value, long dataSize) {
            String where = file + " tensor " + name;
            if (!(value instanceof Map<?, ?> fields)) {
                throw new IllegalArgumentException(where + ": header entry is not an object");
            }
            ElementType type = elementType(where, fields.get("dtype"));
            int[] shape = shape(where, fields.get("shape"));
            if (!(fields.get("data_offsets") instanceof List<?> offsets) || offsets.size() != 2
                    || !(offsets.get(0) instanceof Long begin) || !(offsets.get(1) instanceof Long end)) {
                throw new IllegalArgumentException(where + ": data_offsets " + fields.get("data_offsets")
                        + "; expected [begin, end]");
            }
            if (begin < 0 || end < begin || end > dataSize) {
                throw new IllegalArgumentException(where + ": data_offsets [" + begin + ", " + end
                        + "] outside the " + dataSize + "-byte data section (truncated file?)");
            }
            long expected = NamedArray.elementCount(shape) * type.bytes;
            if (end - begin != expected) {
                throw new IllegalArgumentException(where + ": " + (end - begin) + " data bytes; expected " + expected
                        + " for " + type + " of shape " + fields.get("shape"));
            }
            return new TensorEntry(type, shape, begin, end);
        }

        private static ElementType elementType(String where, Object dtype) {
            for (ElementType t : ElementType.values()) {
                if (t.name().equals(dtype)) {
                    return t;
                }
            }
            throw new IllegalArgumentException(where + ": dtype " + dtype + "; expected one of "
                    + List.of(ElementType.values()));
        }

        private static int[] shape(String where, Object value) {
            int[] shape = NamedArray.shapeOf(value);
            if (shape == null) {
                throw new IllegalArgumentException(where + ": shape " + value
                        + "; expected a list of sizes of at most " + Integer.MAX_VALUE + " elements in all");
            }
            return shape;
        }
    }
}
