package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The feeds' directory of things that must outlive a restart ({@code safegate.state-dir}):
 * <pre>
 *   last-good/&lt;id&gt;      the exact bytes of each source's version in force
 *   held/&lt;id&gt;           a version the shrink guard holds, and held/&lt;id&gt;.meta: its hash and counts
 *   decisions/&lt;id&gt;      an operator's "accept|reject &lt;sha256&gt;" for the held version (the CLI writes it)
 *   rejected/&lt;id&gt;       the hash of the version an operator rejected, so it is not held again
 *   tmp/                copies being parsed; emptied at start-up
 *   applied.log         one line per version applied, held or rejected
 * </pre>
 * Subdirectories are created owner-only (0700) and every file in them is 0600: a confidential
 * list's copy is as private as the list. Thread-safe: immutable; the files have one writer each
 * (the policy compiler thread; the CLI only writes decisions).
 */
public final class StateDirectory {
    static final List<String> SUBDIRECTORIES = List.of("last-good", "held", "decisions", "rejected", "tmp");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path root;

    private StateDirectory(Path root) {
        this.root = root;
    }

    /**
     * Creates the directory and its subdirectories when missing (owner-only), removes what a crash
     * left in {@code tmp/}, and proves that this process may write there.
     *
     * @throws IOException saying which directory, and what to do about it
     */
    public static StateDirectory open(Path dir) throws IOException {
        Path root = requireNonNull(dir, "dir").toAbsolutePath().normalize();
        try {
            createOwnerOnly(root);
            for (String sub : SUBDIRECTORIES) createOwnerOnly(root.resolve(sub));
            StateDirectory state = new StateDirectory(root);
            state.emptyTmp();
            Files.delete(AtomicFile.createTemp(state.tmp()));     // the proof: a file created and removed
            return state;
        } catch (IOException e) {
            throw new IOException("state-dir: " + root + ": not writable by user " + System.getProperty("user.name") + " ("
                    + describe(e) + "); expected: a directory this user owns (systemd: StateDirectory=safegate)", e);
        }
    }

    /** For the operator's commands: the directory a server made, never created here. */
    public static StateDirectory existing(Path dir) throws IOException {
        Path root = requireNonNull(dir, "dir").toAbsolutePath().normalize();
        for (String sub : SUBDIRECTORIES) {
            if (!Files.isDirectory(root.resolve(sub)))
                throw new IOException("state-dir: " + root + ": no " + sub + "/ (expected: the state directory of a "
                        + "safegate that has started once; check safegate.state-dir)");
        }
        return new StateDirectory(root);
    }

    public Path root() {
        return root;
    }

    Path lastGood(String id) {
        return root.resolve("last-good").resolve(id);
    }

    Path held(String id) {
        return root.resolve("held").resolve(id);
    }

    Path heldMeta(String id) {
        return root.resolve("held").resolve(id + ".meta");
    }

    /** Where the CLI leaves an operator's decision on a held version; the updater watches it. */
    public Path decision(String id) {
        return root.resolve("decisions").resolve(id);
    }

    Path rejected(String id) {
        return root.resolve("rejected").resolve(id);
    }

    Path tmp() {
        return root.resolve("tmp");
    }

    public Path appliedLog() {
        return root.resolve("applied.log");
    }

    private void emptyTmp() throws IOException {
        try (DirectoryStream<Path> left = Files.newDirectoryStream(tmp())) {
            for (Path p : left) Files.deleteIfExists(p);
        }
    }

    private static void createOwnerOnly(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;                        // its mode is its owner's (systemd's) choice
        FileAttribute<?>[] ownerOnly = POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0];
        Files.createDirectories(dir, ownerOnly);
    }

    private static String describe(IOException e) {
        String kind = e.getClass().getSimpleName().replace("Exception", "");
        return e.getMessage() == null ? kind : kind + ": " + e.getMessage();
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
