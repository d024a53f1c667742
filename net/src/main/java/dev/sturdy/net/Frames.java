package dev.sturdy.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The wire format. Every frame is a 4-byte big-endian length (of what follows) and a type byte.
 * <pre>
 * HELLO: magic(4) version(4) id(4) computeParties(4)              first frame on a connection, each way
 * DATA:  stream(8) query(8) step(8) tag(8) total(4) offset(4) payload(8 * count, little endian)
 * CREDIT: stream(8) bytes(8)                                        the receiver consumed this much of the stream
 * CANCEL: stream(8) reason(UTF-8, at most 240 bytes)               the sender stopped serving the stream
 * </pre>
 * A message of {@code total} ring elements travels as one or more DATA frames of at most
 * {@link #MAX_CHUNK_ELEMENTS} elements, in order; {@code offset} is the first element's index.
 * Headers are big endian (Netty's default), the payload little endian (the JDK copies longs in
 * native order on x86 in bulk).
 */
final class Frames {
    static final byte HELLO = 1;
    static final byte DATA = 2;
    static final byte CREDIT = 3;
    static final byte CANCEL = 4;
    static final int MAGIC = 0x53545244; // "STRD"
    static final int VERSION = 2;
    static final int MAX_REASON_BYTES = 240;
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

    static ByteBuf credit(ByteBufAllocator alloc, long stream, long bytes) {
        ByteBuf b = alloc.buffer(4 + 17);
        b.writeInt(17).writeByte(CREDIT).writeLong(stream).writeLong(bytes);
        return b;
    }

    /** A CANCEL frame; the reason is cut to {@link #MAX_REASON_BYTES} (it names roles and causes, never data). */
    static ByteBuf cancel(ByteBufAllocator alloc, long stream, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(text.length, MAX_REASON_BYTES);
        ByteBuf b = alloc.buffer(4 + 9 + n);
        b.writeInt(9 + n).writeByte(CANCEL).writeLong(stream).writeBytes(text, 0, n);
        return b;
    }

    /** The reason of a CANCEL frame whose stream id was read already. */
    static String cancelReason(ByteBuf frame) {
        int n = Math.min(frame.readableBytes(), MAX_REASON_BYTES);
        return frame.readCharSequence(n, StandardCharsets.UTF_8).toString();
    }

    /** Copies a chunk's payload (its readable bytes) into into[at, at + count). */
    static void copyPayload(ByteBuf payload, long[] into, int at) {
        payload.nioBuffer().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(into, at, payload.readableBytes() / 8);
    }
}
