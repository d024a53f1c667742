package dev.sturdy.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteOrder;

/**
 * The wire format. Every frame is a 4-byte big-endian length (of what follows) and a type byte.
 * <pre>
 * HELLO: magic(4) version(4) id(4) computeParties(4)              first frame on a connection, each way
 * DATA:  stream(8) query(8) step(8) tag(8) total(4) offset(4) payload(8 * count, little endian)
 * </pre>
 * A message of {@code total} ring elements travels as one or more DATA frames of at most
 * {@link #MAX_CHUNK_ELEMENTS} elements, in order; {@code offset} is the first element's index.
 * Headers are big endian (Netty's default), the payload little endian (the JDK copies longs in
 * native order on x86 in bulk).
 */
final class Frames {
    static final byte HELLO = 1;
    static final byte DATA = 2;
    static final int MAGIC = 0x53545244; // "STRD"
    static final int VERSION = 1;
    /** 2 MiB of payload per frame: inside Netty's pooled chunks (4 MiB), so frames never hit the unpooled path. */
    static final int MAX_CHUNK_ELEMENTS = 1 << 18;
    static final int DATA_HEADER = 1 + 8 * 4 + 4 + 4;
    static final int MAX_FRAME = DATA_HEADER + 8 * MAX_CHUNK_ELEMENTS;

    private Frames() {
    }

    static ByteBuf hello(ByteBufAllocator alloc, int id, int parties) {
        ByteBuf b = alloc.buffer(4 + 17);
        b.writeInt(17).writeByte(HELLO).writeInt(MAGIC).writeInt(VERSION).writeInt(id).writeInt(parties);
        return b;
    }

    /** One DATA frame carrying data[from, from + count) of a message of {@code total} elements. */
    static ByteBuf data(ByteBufAllocator alloc, long stream, long query, long step, long tag, int total,
                        int offset, long[] data, int from, int count) {
        int bytes = 8 * count;
        ByteBuf b = alloc.directBuffer(4 + DATA_HEADER + bytes);
        b.writeInt(DATA_HEADER + bytes).writeByte(DATA);
        b.writeLong(stream).writeLong(query).writeLong(step).writeLong(tag).writeInt(total).writeInt(offset);
        b.nioBuffer(b.writerIndex(), bytes).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(data, from, count);
        b.writerIndex(b.writerIndex() + bytes);
        return b;
    }

    /** Copies a chunk's payload (its readable bytes) into into[at, at + count). */
    static void copyPayload(ByteBuf payload, long[] into, int at) {
        payload.nioBuffer().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(into, at, payload.readableBytes() / 8);
    }
}
