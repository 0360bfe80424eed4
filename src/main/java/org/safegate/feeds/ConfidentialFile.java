package org.safegate.feeds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The permission check of a confidential list: its licence says only the service may read it, so
 * a file the group or others may read is refused before a byte is read. On a file system without
 * POSIX permissions there is nothing to check: a warning says so. Thread-safe: stateless.
 */
final class ConfidentialFile {
    private static final Logger log = LoggerFactory.getLogger(ConfidentialFile.class);
    private static final Set<PosixFilePermission> OTHERS_MAY_READ = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.OTHERS_READ);

    private ConfidentialFile() {}

    /**
     * Why {@code file} may not be loaded as a confidential list; empty when only its owner may read
     * it, or when the file cannot be stat'ed (reading it then fails and says why).
     */
    static Optional<String> problem(Path file) {
        Set<PosixFilePermission> permissions;
        try {
            if (!Files.getFileStore(file).supportsFileAttributeView("posix")) {
                log.warn("path={} has no POSIX permissions (file system {}); the confidential list's readers are not checked",
                        file, Files.getFileStore(file).type());
                return Optional.empty();
            }
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            log.warn("path={} has no POSIX permissions; the confidential list's readers are not checked", file);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();            // handled: the read that follows reports it (missing, denied)
        }
        if (permissions.stream().noneMatch(OTHERS_MAY_READ::contains)) return Optional.empty();
        return Optional.of(file + ": confidential list is readable by group/others (mode " + mode(permissions)
                + "); expected 0600 or 0400");
    }

    /** The octal mode, {@code 0644} style. */
    static String mode(Set<PosixFilePermission> permissions) {
        int bits = 0;
        for (PosixFilePermission p : permissions) bits |= 1 << (8 - p.ordinal());    // OWNER_READ is 0400
        return String.format("0%03o", bits);
    }
}
