package dev.sturdy.model.onnx;

import dev.sturdy.model.graph.ModelException;
import dev.sturdy.model.onnx.proto.OnnxAttribute;
import dev.sturdy.model.onnx.proto.OnnxNode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A node's attributes by name, with defaults, and errors that name the node. */
final class OnnxAttributes {
    private final Map<String, OnnxAttribute> byName = new HashMap<>();
    private final String node;

    OnnxAttributes(OnnxNode n, String node) {
        this.node = node;
        for (OnnxAttribute a : n.getAttributeList()) {
            byName.put(a.getName(), a);
        }
    }

    boolean has(String name) {
        return byName.containsKey(name);
    }

    long integer(String name, long fallback) {
        OnnxAttribute a = byName.get(name);
        return a == null ? fallback : a.getI();
    }

    double real(String name, double fallback) {
        OnnxAttribute a = byName.get(name);
        return a == null ? fallback : a.getF();
    }

    String text(String name, String fallback) {
        OnnxAttribute a = byName.get(name);
        return a == null ? fallback : a.getS().toString(StandardCharsets.UTF_8);
    }

    /** An INTS attribute, or {@code fallback} when absent. */
    long[] integers(String name, long[] fallback) {
        OnnxAttribute a = byName.get(name);
        return a == null ? fallback : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    OnnxConst tensor(String name) {
        OnnxAttribute a = byName.get(name);
        if (a == null || !a.hasT()) {
            throw new ModelException(node + ": needs a tensor attribute '" + name + "'");
        }
        return OnnxTensors.decode(a.getT(), node);
    }

    /** The Constant node's value, whichever of value, value_float(s) or value_int(s) it uses. */
    OnnxConst constantValue() {
        if (has("value")) {
            return tensor("value");
        }
        OnnxAttribute a;
        if ((a = byName.get("value_float")) != null) {
            return OnnxConst.scalar(a.getF(), false);
        }
        if ((a = byName.get("value_int")) != null) {
            return OnnxConst.scalar(a.getI(), true);
        }
        if ((a = byName.get("value_ints")) != null) {
            return OnnxConst.ints(a.getIntsList().stream().mapToLong(Long::longValue).toArray());
        }
        if ((a = byName.get("value_floats")) != null) {
            double[] v = a.getFloatsList().stream().mapToDouble(Float::doubleValue).toArray();
            return new OnnxConst(new long[] {v.length}, v, false);
        }
        throw new ModelException(node + ": a Constant without a value, value_float(s) or value_int(s) attribute");
    }
}
