package dev.sturdy.model.file;

import dev.sturdy.model.Model;
import dev.sturdy.model.file.proto.ModelFile;
import dev.sturdy.model.graph.ModelException;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reads and writes the model file: the protobuf message ModelFile (sturdy_model.proto) at
 * {@link #FORMAT_VERSION}. Writing goes through a temporary file so a crash never leaves half a model.
 */
public final class ModelFiles {

    public static final int FORMAT_VERSION = 1;

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
        return ModelProtoWriter.write(model, FORMAT_VERSION);
    }

    public static Model fromProto(ModelFile file) {
        if (file.getFormatVersion() != FORMAT_VERSION) {
            throw new ModelException(file.getFormatVersion() == 0
                    ? "not a Sturdy model file (no format version)"
                    : "model file format version " + file.getFormatVersion() + " is not supported (this build reads "
                            + FORMAT_VERSION + ")");
        }
        return ModelProtoReader.read(file);
    }
}
