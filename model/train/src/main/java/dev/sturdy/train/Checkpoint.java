package dev.sturdy.train;

import ai.djl.nn.Parameter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The state a run resumes from after an epoch: the architecture, epochs done, every parameter
 * (running statistics included) and its SGD velocity by state_dict name, and the epoch records.
 * The data order and noise of each epoch derive from the seed and the epoch number, so nothing
 * random needs saving.
 */
final class Checkpoint {

    private static final String MAGIC = "sturdy-train-checkpoint-1";

    private Checkpoint() {
    }

    static void write(Path file, ZooNetwork net, MomentumSgd sgd, List<EpochRecord> history) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeUTF(MAGIC);
            out.writeUTF(net.architecture());
            out.writeInt(history.size());
            for (EpochRecord r : history) {
                r.write(out);
            }
            out.writeInt(net.parameters().size());
            for (Map.Entry<String, Parameter> e : net.parameters().entrySet()) {
                out.writeUTF(e.getKey());
                writeFloats(out, e.getValue().getArray().toFloatArray());
                float[] v = e.getValue().requiresGradient() ? sgd.velocityOf(e.getValue().getId()) : null;
                out.writeBoolean(v != null);
                if (v != null) {
                    writeFloats(out, v);
                }
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Loads the parameters and velocities into net and sgd; returns the epoch records so far. */
    static List<EpochRecord> read(Path file, ZooNetwork net, MomentumSgd sgd) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (!MAGIC.equals(in.readUTF())) {
                throw new IllegalArgumentException(file + " is not a Sturdy training checkpoint");
            }
            String architecture = in.readUTF();
            if (!architecture.equals(net.architecture())) {
                throw new IllegalArgumentException(file + " holds a " + architecture + ", not a " + net.architecture()
                        + "; resume with the same --arch");
            }
            List<EpochRecord> history = new ArrayList<>();
            int epochs = in.readInt();
            for (int i = 0; i < epochs; i++) {
                history.add(EpochRecord.read(in));
            }
            int count = in.readInt();
            if (count != net.parameters().size()) {
                throw new IllegalArgumentException(file + ": " + count + " parameters, the network has " + net.parameters().size());
            }
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                Parameter p = net.parameters().get(name);
                float[] values = readFloats(in);
                if (p == null || p.getArray().size() != values.length) {
                    throw new IllegalArgumentException(file + ": parameter '" + name + "' does not fit the network");
                }
                p.getArray().set(values);
                if (in.readBoolean()) {
                    sgd.restoreVelocity(p.getId(), p.getArray(), readFloats(in));
                }
            }
            return history;
        } catch (java.io.EOFException e) {
            throw new IllegalArgumentException(file + ": truncated checkpoint");
        }
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        float[] values = new float[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }
}
