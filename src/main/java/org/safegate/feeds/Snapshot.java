package org.safegate.feeds;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A private copy of one version of a source file, taken before it is parsed, with the SHA-256 of
 * its bytes. The copy is what gets parsed, judged, and then kept (as the last good copy, or as a
 * held version): so the bytes kept are exactly the bytes judged, even when the source file is
 * rewritten meanwhile. Immutable; the file is the caller's to move or delete.
 *
 * @param file   the copy, owner-only, in the state directory
 * @param sha256 lower-case hex SHA-256 of the bytes
 */
record Snapshot(Path file, String sha256) {
    /** Copies {@code source} into {@code dir}, fsynced, hashing on the way. */
    static Snapshot take(Path source, Path dir) throws IOException {
        Path copy = AtomicFile.createTemp(dir);
        try {
            MessageDigest digest = newDigest();
            try (InputStream in = new DigestInputStream(Files.newInputStream(source), digest);
                 OutputStream out = Files.newOutputStream(copy, StandardOpenOption.WRITE)) {
                in.transferTo(out);
            }
            return new Snapshot(copy, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
    }

    /** The hex SHA-256 of a file's bytes. */
    static String hash(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256: not available (every Java platform must provide it)", e);
        }
    }
}
