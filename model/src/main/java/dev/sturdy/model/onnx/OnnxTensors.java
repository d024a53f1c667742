package dev.sturdy.model.onnx;

import dev.sturdy.model.graph.ModelException;
import dev.sturdy.model.onnx.proto.OnnxTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Decodes an ONNX TensorProto (typed fields or little-endian raw_data) into an {@link OnnxConst}. */
final class OnnxTensors {
    static final int FLOAT = 1;
    static final int UINT8 = 2;
    static final int INT8 = 3;
    static final int INT32 = 6;
    static final int INT64 = 7;
    static final int BOOL = 9;
    static final int DOUBLE = 11;
    private static final int EXTERNAL = 1;

    private OnnxTensors() {
    }

    static OnnxConst decode(OnnxTensor t, String where) {
        if (t.getDataLocation() == EXTERNAL) {
            throw new ModelException(where + ": tensor '" + t.getName() + "' keeps its data in an external file; "
                    + "export with the weights inside the .onnx file (torch.onnx.export does below 2 GB)");
        }
        long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        if (count > Integer.MAX_VALUE) {
            throw new ModelException(where + ": tensor '" + t.getName() + "' is too large");
        }
        int n = (int) count;
        double[] v = new double[n];
        boolean raw = !t.getRawData().isEmpty();
        ByteBuffer b = raw ? t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN) : null;
        int type = t.getDataType();
        int width = switch (type) {
            case FLOAT, INT32 -> 4;
            case INT64, DOUBLE -> 8;
            case UINT8, INT8, BOOL -> 1;
            default -> throw new ModelException(where + ": tensor '" + t.getName() + "' has ONNX data type " + type
                    + "; supported: float32, float64, int64, int32, int8, uint8, bool");
        };
        int available = raw ? b.remaining() / width : switch (type) {
            case FLOAT -> t.getFloatDataCount();
            case INT64 -> t.getInt64DataCount();
            case DOUBLE -> t.getDoubleDataCount();
            default -> t.getInt32DataCount();
        };
        if (available != n) {
            throw new ModelException(where + ": tensor '" + t.getName() + "' holds " + available + " values for "
                    + n + " elements");
        }
        for (int i = 0; i < n; i++) {
            v[i] = raw ? switch (type) {
                case FLOAT -> b.getFloat();
                case INT32 -> b.getInt();
                case INT64 -> (double) b.getLong();
                case DOUBLE -> b.getDouble();
                case UINT8, BOOL -> Byte.toUnsignedInt(b.get());
                default -> b.get();
            } : switch (type) {
                case FLOAT -> t.getFloatData(i);
                case INT64 -> (double) t.getInt64Data(i);
                case DOUBLE -> t.getDoubleData(i);
                default -> t.getInt32Data(i);
            };
        }
        return new OnnxConst(dims, v, type != FLOAT && type != DOUBLE);
    }
}
