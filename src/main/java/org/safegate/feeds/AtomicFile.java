package org.safegate.feeds;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files of the state directory written so that a crash, a full disk or a power cut leaves either
 * the old file or the new one at the final path, never a part: the bytes go to a temporary file
 * in the same directory (owner-only), which is fsynced, renamed over the target with
 * {@code ATOMIC_MOVE}, and the directory is fsynced so the rename itself survives a power cut.
 * Temporary names start with {@value #TEMP_PREFIX}, so nothing reads them as a real file.
 *
 * <p>Thread-safe: every call works on its own temporary file.
 */
final class AtomicFile {
    static final String TEMP_PREFIX = ".tmp-";
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    /** Writes what {@link Content} writes; the content may throw, and then the target is left as it was. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {}

    static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    static void write(Path target, Content content) throws IOException {
        Path temp = createTemp(target.toAbsolutePath().getParent());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            moveInto(temp, target);
        } finally {
            Files.deleteIfExists(temp);          // gone already after a move; a leftover after a failure
        }
    }

    /**
     * Renames {@code source} (already complete; fsynced here) over {@code target}, atomically. Both
     * must be on one file system: the state directory's subdirectories are.
     */
    static void moveInto(Path source, Path target) throws IOException {
        try (FileChannel channel = FileChannel.open(source, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(target + ": the file system cannot rename atomically (expected: a local file system "
                    + "for the state directory)", e);
        }
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /** An empty owner-only (0600) file in {@code dir}, named so that nothing takes it for a real file. */
    static Path createTemp(Path dir) throws IOException {
        FileAttribute<?>[] ownerOnly = POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        return Files.createTempFile(dir, TEMP_PREFIX, "", ownerOnly);
    }

    /** Makes a rename or a new entry in {@code dir} durable. Some systems cannot open a directory: nothing to do there. */
    static void syncDirectory(Path dir) throws IOException {
        if (!POSIX) return;                     // Windows: no directory handles to force; NTFS journals renames
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
