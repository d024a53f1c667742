package dev.sturdy.model.file;

import dev.sturdy.model.Model;
import dev.sturdy.model.file.proto.ModelFile;
import dev.sturdy.model.graph.ChannelShuffle;
import dev.sturdy.model.graph.ChannelSlice;
import dev.sturdy.model.graph.ClippedRelu;
import dev.sturdy.model.graph.Concat;
import dev.sturdy.model.graph.Conv2d;
import dev.sturdy.model.graph.Graph;
import dev.sturdy.model.graph.MaxPool;
import dev.sturdy.model.graph.ModelException;
import dev.sturdy.model.graph.Node;
import dev.sturdy.model.graph.Op;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reads and writes the model file: the protobuf message ModelFile (sturdy_model.proto). Version 1
 * holds the ResNet-style layers; version 2 adds grouped and dilated convolution, padded max-pooling, clipped
 * ReLU, concatenation, channel shuffle and channel slices. A file is written at the lowest version
 * that holds its graph, so builds that read only version 1 still read the models they could before;
 * this build reads both. Writing goes through a temporary file so a crash never leaves half a model.
 */
public final class ModelFiles {

    /** The newest version this build reads and writes. */
    public static final int FORMAT_VERSION = 2;

    private ModelFiles() {
    }

    public static Model read(Path path) throws IOException {
        ModelFile file;
        try (InputStream in = Files.newInputStream(path)) {
            file = ModelFile.parseFrom(in);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path + ": model file not found");
        } catch (InvalidProtocolBufferException e) {
            throw new ModelException(path + " is not a Sturdy model file (" + e.getMessage() + ")", e);
        }
        try {
            return fromProto(file);
        } catch (ModelException e) {
            throw new ModelException(path + ": " + e.getMessage(), e);
        }
    }

    public static Model read(InputStream in) throws IOException {
        try {
            return fromProto(ModelFile.parseFrom(in));
        } catch (InvalidProtocolBufferException e) {
            throw new ModelException("not a Sturdy model file (" + e.getMessage() + ")", e);
        }
    }

    public static void write(Model model, Path path) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                toProto(model).writeTo(out);
            }
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static ModelFile toProto(Model model) {
        return ModelProtoWriter.write(model, versionFor(model.graph()));
    }

    /** 1 unless the graph has a layer only version 2 holds. */
    static int versionFor(Graph graph) {
        for (Node n : graph.nodes()) {
            Op op = n.op();
            boolean v2 = op instanceof ClippedRelu || op instanceof Concat || op instanceof ChannelShuffle
                    || op instanceof ChannelSlice || (op instanceof Conv2d c && (c.groups() > 1 || c.dilation() > 1))
                    || (op instanceof MaxPool p && p.padding() > 0);
            if (v2) {
                return 2;
            }
        }
        return 1;
    }

    public static Model fromProto(ModelFile file) {
        if (file.getFormatVersion() < 1 || file.getFormatVersion() > FORMAT_VERSION) {
            throw new ModelException(file.getFormatVersion() == 0
                    ? "not a Sturdy model file (no format version)"
                    : "model file format version " + file.getFormatVersion() + " is not supported (this build reads 1"
                            + " and " + FORMAT_VERSION + ")");
        }
        return ModelProtoReader.read(file);
    }
}
