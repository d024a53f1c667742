package dev.sturdy.net.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files and directories only their owner may read, with the permissions set as they are created
 * (never a window in which a secret sits under the umask's defaults). Where the file system has no
 * POSIX permissions they are created plainly: the directories' protection is then the operator's.
 */
public final class OwnerOnly {
    private OwnerOnly() {
    }

    /** A new empty file, mode 0600 (an existing one is replaced). */
    public static Path createFile(Path file) throws IOException {
        Files.deleteIfExists(file);
        return posix(file) ? Files.createFile(file, mode("rw-------")) : Files.createFile(file);
    }

    /** The directory and any missing parents, each created with mode 0700; existing ones are left as they are. */
    public static Path createDirectories(Path dir) throws IOException {
        return posix(dir) ? Files.createDirectories(dir, mode("rwx------")) : Files.createDirectories(dir);
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<?> mode(String permissions) {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
    }
}
