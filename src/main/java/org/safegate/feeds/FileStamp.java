package org.safegate.feeds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * What the periodic check compares to notice a changed file without reading it: size, modification
 * time, and the file key (device and inode on Unix). The key catches a file replaced by rename with
 * the same size and time; symbolic links are followed, so a link switched to a new target (a
 * Kubernetes config map) is a change too. Immutable.
 */
record FileStamp(long size, FileTime modified, Object fileKey) {
    /** A file that cannot be stat'ed: missing, or in a directory we may not read. Its return is a change. */
    static final FileStamp MISSING = new FileStamp(-1, FileTime.fromMillis(0), null);

    static FileStamp of(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(a.size(), a.lastModifiedTime(), a.fileKey());
        } catch (IOException e) {
            return MISSING;      // handled: missing is a state the next stamp is compared with; the load says why
        }
    }
}
