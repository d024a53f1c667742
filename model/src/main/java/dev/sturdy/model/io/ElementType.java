package dev.sturdy.model.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The little-endian element types the archive readers accept, each converted to float. */
enum ElementType {
    F32(4), F64(8), F16(2), BF16(2), I64(8), I32(4);

    final int bytes;

    ElementType(int bytes) {
        this.bytes = bytes;
    }

    /** Decodes {@code count} elements from the buffer's position on. */
    float[] decode(ByteBuffer data, int count) {
        ByteBuffer in = data.slice().order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[count];
        switch (this) {
            case F32 -> in.asFloatBuffer().get(out);
            case F64 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = (float) in.getDouble();
                }
            }
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = halfToFloat(in.getShort());
                }
            }
            case BF16 -> {
                // bfloat16 is the top half of a float32.
                for (int i = 0; i < count; i++) {
                    out[i] = Float.intBitsToFloat(in.getShort() << 16);
                }
            }
            case I64 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = in.getLong();
                }
            }
            case I32 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = in.getInt();
                }
            }
        }
        return out;
    }

    /** IEEE 754 binary16 to float (Java 17 has no Float.float16ToFloat yet). */
    static float halfToFloat(short half) {
        int exponent = (half >>> 10) & 0x1f;
        int mantissa = half & 0x3ff;
        float magnitude;
        if (exponent == 0) {
            magnitude = mantissa * 0x1p-24f;
        } else if (exponent == 0x1f) {
            magnitude = mantissa == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            // Re-bias the exponent from 15 to 127 and widen the mantissa from 10 to 23 bits.
            magnitude = Float.intBitsToFloat((exponent + 112) << 23 | mantissa << 13);
        }
        return half < 0 ? -magnitude : magnitude;
    }
}
