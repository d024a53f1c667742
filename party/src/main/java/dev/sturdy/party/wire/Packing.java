package dev.sturdy.party.wire;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Ring elements on the client API: packed int64, little endian. */
public final class Packing {
    private Packing() {
    }

    public static ByteString pack(long[] values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return ByteString.copyFrom(b);
    }

    /** The longs in {@code bytes}; the caller checks the count against the expected shape first. */
    public static long[] unpack(ByteString bytes) {
        if (bytes.size() % 8 != 0) {
            throw new IllegalArgumentException("a share must be packed int64 values, but has " + bytes.size()
                    + " bytes (not a multiple of 8)");
        }
        long[] out = new long[bytes.size() / 8];
        bytes.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
        return out;
    }
}
