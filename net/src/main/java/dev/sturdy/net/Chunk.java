package dev.sturdy.net;

import io.netty.buffer.ByteBuf;

/** One received DATA frame: its header and its payload, still in the pooled buffer until released. */
record Chunk(long query, long step, long tag, int total, int offset, ByteBuf payload) {
    static Chunk read(ByteBuf frame) {
        long query = frame.readLong();
        long step = frame.readLong();
        long tag = frame.readLong();
        int total = frame.readInt();
        int offset = frame.readInt();
        return new Chunk(query, step, tag, total, offset, frame);
    }

    int count() {
        return payload.readableBytes() / 8;
    }

    void release() {
        payload.release();
    }
}
