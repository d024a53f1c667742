package dev.sturdy.model.zoo;

import dev.sturdy.model.graph.ModelException;
import dev.sturdy.model.io.NamedArray;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * PyTorch state_dict tensors looked up by name with their expected shape. Remembers which names
 * were used so an import can refuse archives that hold tensors the architecture does not have.
 */
public final class StateDict {

    private final Map<String, NamedArray> tensors;
    private final Set<String> used = new LinkedHashSet<>();

    public StateDict(Map<String, NamedArray> tensors) {
        this.tensors = tensors;
    }

    /** The tensor's values; fails with the name and both shapes when it is missing or the wrong shape. */
    public float[] get(String name, int... shape) {
        NamedArray a = tensors.get(name);
        if (a == null) {
            throw new ModelException("weights lack tensor '" + name + "' (expected shape " + Arrays.toString(shape) + ")");
        }
        if (!Arrays.equals(a.shape(), shape)) {
            throw new ModelException("tensor '" + name + "' has shape " + Arrays.toString(a.shape()) + ", the architecture needs "
                    + Arrays.toString(shape));
        }
        used.add(name);
        return a.values();
    }

    /** The shape of a tensor, or an error naming it when it is missing. */
    public int[] shapeOf(String name) {
        NamedArray a = tensors.get(name);
        if (a == null) {
            throw new ModelException("weights lack tensor '" + name + "'");
        }
        return a.shape().clone();
    }

    /** Names present in the archive but never read, except bookkeeping such as num_batches_tracked. */
    public Set<String> unused() {
        Set<String> rest = new LinkedHashSet<>(tensors.keySet());
        rest.removeAll(used);
        rest.removeIf(n -> n.endsWith("num_batches_tracked"));
        return rest;
    }

    /** Throws when the archive holds tensors the architecture did not read: a sign of the wrong architecture. */
    public void requireAllUsed(String architecture) {
        Set<String> rest = unused();
        if (!rest.isEmpty()) {
            throw new ModelException("weights hold " + rest.size() + " tensor(s) that " + architecture + " does not have, e.g. '"
                    + rest.iterator().next() + "': wrong --arch?");
        }
    }
}
