package dev.sturdy.party.compute;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.sturdy.model.Model;
import dev.sturdy.model.approx.SignPolynomials;
import dev.sturdy.model.file.ModelFiles;
import dev.sturdy.model.file.proto.ModelFile;
import dev.sturdy.model.file.proto.Tensor;
import dev.sturdy.model.graph.ModelException;
import dev.sturdy.net.tls.OwnerOnly;
import dev.sturdy.net.tls.RoleNames;
import dev.sturdy.model.fixed.FixedPointPolicy;
import dev.sturdy.model.lower.LoweredGraph;
import dev.sturdy.protocol.eval.ModelShares;
import dev.sturdy.protocol.eval.SecureModel;
import dev.sturdy.protocol.eval.WeightSeeds;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.List;

/**
 * What one role of a deployment holds of the model: the public structure (the model file with
 * every weight replaced by zero: graph, normalisation, classes, PANN settings), the precision B,
 * the {@link SecureModel} (the fixed-point layout: weight bits per layer, the linear ring, the
 * activations' fractional bits), and for a compute party its {@link ModelShares} (masked weights,
 * its weight-mask seed, its bias shares) or for the dealer the {@link WeightSeeds} of every party.
 * File: magic "STSH", version, role id, parties, B, the structure's length and bytes (model file
 * protobuf), the layout, a flag, then the shares or the seeds. Every role's file holds secrets and
 * is written readable by its owner only. toString never shows a value.
 */
public record ModelShareFile(int role, int parties, int precisionB, Model structure, SecureModel secure,
                             ModelShares shares, WeightSeeds seeds) {
    /** The file's name in each role's directory of a deployment. */
    public static final String FILE_NAME = "model.share";

    private static final int MAGIC = 0x53545348; // "STSH"
    private static final int VERSION = 2;
    private static final int MAX_STRUCTURE_BYTES = 1 << 30;

    public boolean isDealer() {
        return role == parties;
    }

    /** Fractional bits of the inputs the client encodes (the activations' bits of the fixed-point policy). */
    public int fractionalBits() {
        return secure.activationBits();
    }

    /**
     * The model owner's split: one file per compute party, then the dealer's. {@code fractionalBits}
     * are the activations' bits ({@link FixedPointPolicy#activationBits}), 0 for those B needs.
     */
    public static ModelShareFile[] split(Model model, int parties, int precisionB, int fractionalBits, SecureRandom rnd) {
        if (parties < 2 || parties > 3) {
            throw new IllegalArgumentException("parties must be 2 or 3, not " + parties);
        }
        if (precisionB != 0) {
            SignPolynomials.forBeta(precisionB); // refuses a B without shipped polynomials, naming the range
        }
        FixedPointPolicy policy = policy(precisionB, fractionalBits);
        Model structure = structureOf(model);
        ModelShares.Split split = ModelShares.split(LoweredGraph.of(model.graph()), model.pann().bound(), policy, parties, rnd);
        ModelShareFile[] out = new ModelShareFile[parties + 1];
        for (int p = 0; p <= parties; p++) {
            out[p] = new ModelShareFile(p, parties, precisionB, structure, split.model(),
                    p < parties ? split.parties()[p] : null, p < parties ? null : split.dealer());
        }
        return out;
    }

    /** The default policy with the given activation bits (0: those B needs), refused when too few for B. */
    static FixedPointPolicy policy(int precisionB, int fractionalBits) {
        int f = FixedPointPolicy.activationBits(precisionB, fractionalBits);
        FixedPointPolicy d = FixedPointPolicy.DEFAULT;
        if (f == d.activationBits()) {
            return d;
        }
        return new FixedPointPolicy(f, d.weightSignificantBits(), d.coefficientBits(), d.firstInputBits(),
                d.laterInputBits(), d.signBits(), d.productInputBits());
    }

    /**
     * The model owner's step: splits {@code model} for {@code parties} compute parties and writes
     * {@code party-i/model.share} and the dealer's {@code dealer/model.share} under {@code out}.
     */
    public static void writeSplit(Model model, int parties, int precisionB, int fractionalBits, Path out,
                                  SecureRandom random) throws IOException {
        for (ModelShareFile f : split(model, parties, precisionB, fractionalBits, random)) {
            Path dir = OwnerOnly.createDirectories(out.resolve(RoleNames.of(f.role(), parties)));
            f.save(dir.resolve(FILE_NAME));
        }
    }

    /**
     * What every role may know of the model: every weight tensor zeroed and the metadata dropped
     * (it names source files, training commands and data) but for the measured {@link ActivationRange};
     * shapes, normalisation, classes and the PANN settings kept.
     */
    static Model structureOf(Model model) {
        ModelFile zeroed = (ModelFile) zeroTensors(ModelFiles.toProto(model));
        ModelFile.Builder b = zeroed.toBuilder().clearMetadata();
        model.metadata().forEach((k, v) -> {
            if (ActivationRange.isKey(k)) {
                b.putMetadata(k, v);
            }
        });
        return ModelFiles.fromProto(b.build());
    }

    private static Message zeroTensors(Message m) {
        if (m instanceof Tensor t) {
            return t.toBuilder().clearValues().addAllValues(Collections.nCopies(t.getValuesCount(), 0f)).build();
        }
        Message.Builder b = m.toBuilder();
        for (FieldDescriptor fd : m.getAllFields().keySet()) {
            if (fd.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            if (fd.isRepeated()) {
                for (int i = 0; i < m.getRepeatedFieldCount(fd); i++) {
                    b.setRepeatedField(fd, i, zeroTensors((Message) m.getRepeatedField(fd, i)));
                }
            } else {
                b.setField(fd, zeroTensors((Message) m.getField(fd)));
            }
        }
        return b.build();
    }

    /** Writes the file, readable by its owner only where the file system has POSIX permissions. */
    public void save(Path file) throws IOException {
        OwnerOnly.createFile(file);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(role);
            out.writeInt(parties);
            out.writeInt(precisionB);
            byte[] s = ModelFiles.toProto(structure).toByteArray();
            out.writeInt(s.length);
            out.write(s);
            out.writeInt(secure.activationBits());
            out.writeInt(secure.linearRing());
            out.writeDouble(secure.bound());
            out.writeInt(secure.weightBits().length);
            for (int b : secure.weightBits()) {
                out.writeInt(b);
            }
            out.writeBoolean(shares != null);
            if (shares != null) {
                shares.write(out);
            } else {
                seeds.write(out);
            }
        }
    }

    public static ModelShareFile load(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + ": not a Sturdy model share file (make one with 'sturdy share')");
            }
            int version = in.readInt();
            if (version == 1) {
                throw new IOException(file + ": made by an earlier Sturdy (format 1, before masked weights); "
                        + "split the model again with 'sturdy share'");
            }
            if (version != VERSION) {
                throw new IOException(file + ": model share format version " + version + " (this build reads "
                        + VERSION + ")");
            }
            int role = in.readInt(), parties = in.readInt(), beta = in.readInt();
            int length = in.readInt();
            if (parties < 2 || parties > 3 || role < 0 || role > parties || length < 0 || length > MAX_STRUCTURE_BYTES) {
                throw new IOException(file + ": malformed header (role " + role + " of " + parties + ")");
            }
            byte[] s = in.readNBytes(length);
            if (s.length != length) {
                throw new EOFException();
            }
            Model structure = ModelFiles.fromProto(ModelFile.parseFrom(s));
            LoweredGraph graph = LoweredGraph.of(structure.graph());
            int activationBits = in.readInt(), ring = in.readInt();
            double bound = in.readDouble();
            int layers = in.readInt();
            if (layers != graph.layers().size() || activationBits < 8 || activationBits > 24 || ring < 16 || ring > 62) {
                throw new IOException(file + ": malformed layout (" + layers + " layers, ring " + ring + ")");
            }
            int[] bits = new int[layers];
            for (int l = 0; l < layers; l++) {
                bits[l] = in.readInt();
            }
            SecureModel secure = new SecureModel(graph, bits, ring, activationBits, bound);
            boolean hasShares = in.readBoolean();
            boolean dealer = role == parties;
            if (hasShares == dealer) {
                throw new IOException(file + (hasShares ? ": the dealer's file must not hold weight shares"
                        : ": a compute party's file holds no weight shares"));
            }
            return hasShares ? new ModelShareFile(role, parties, beta, structure, secure, ModelShares.read(in, secure), null)
                    : new ModelShareFile(role, parties, beta, structure, secure, null, WeightSeeds.read(in, secure));
        } catch (EOFException e) {
            throw new IOException(file + ": truncated model share file", e);
        } catch (ModelException e) {
            throw new IOException(file + ": bad model structure: " + e.getMessage(), e);
        }
    }

    /** Per-sample input shape [C, H, W]. */
    public List<Integer> inputShape() {
        var s = structure.graph().input();
        return List.of(s.channels(), s.height(), s.width());
    }

    @Override
    public String toString() {
        return "ModelShareFile[" + structure.name() + ", role " + role + " of " + parties + ", f=" + fractionalBits()
                + ", B=" + precisionB + "]";
    }
}
