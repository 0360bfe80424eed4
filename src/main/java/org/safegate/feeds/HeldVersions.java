package org.safegate.feeds;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The operator's side of the shrink guard, for the CLI: lists the held versions of a state
 * directory and records a decision on one. A decision is a file ({@code decisions/<id>}) that a
 * running server notices (its file watch) and carries out on its compiler thread; a stopped server
 * carries it out at its next start. Nothing here changes the policy itself.
 *
 * <p>Thread-safe: stateless apart from the directory.
 */
public final class HeldVersions {
    private final StateDirectory dir;

    public HeldVersions(StateDirectory dir) {
        this.dir = requireNonNull(dir, "dir");
    }

    /** A decision that cannot be made: no held version, or not the one the operator named. */
    public static final class RefusedException extends Exception {
        RefusedException(String message) {
            super(message);
        }
    }

    /** The held versions of these sources, in their order. */
    public List<HeldVersion> list(Collection<String> sourceIds) throws IOException {
        List<HeldVersion> held = new ArrayList<>();
        for (String id : sourceIds) HeldVersion.read(dir.heldMeta(id)).ifPresent(held::add);
        return held;
    }

    /**
     * Records the decision to accept (or reject) the held version of {@code sourceId}.
     *
     * @param expectedSha256 the hash the operator reviewed; when given, the decision is refused
     *                       if the held version is another one (held since the operator looked)
     * @return the version decided on
     */
    public HeldVersion decide(String sourceId, boolean accept, Optional<String> expectedSha256)
            throws IOException, RefusedException {
        Optional<HeldVersion> found = HeldVersion.read(dir.heldMeta(sourceId));
        if (found.isEmpty())
            throw new RefusedException("source " + sourceId + ": no held version (expected: one that safegate feeds held lists)");
        HeldVersion held = found.get();
        if (expectedSha256.isPresent() && !expectedSha256.get().equalsIgnoreCase(held.sha256())) {
            throw new RefusedException("source " + sourceId + ": --hash " + expectedSha256.get() + " is not the held version's "
                    + held.sha256() + " (expected: the hash safegate feeds held shows now; another version was held since)");
        }
        String actual = Snapshot.hash(dir.held(sourceId));
        if (!actual.equals(held.sha256())) {
            throw new RefusedException("source " + sourceId + ": held copy " + dir.held(sourceId) + " has sha256 " + actual
                    + " (expected: " + held.sha256() + "); it changed on disk, wait for the next version");
        }
        AtomicFile.write(dir.decision(sourceId), new Decision(accept, held.sha256()).toText().getBytes(UTF_8));
        return held;
    }

    /** The records of applied.log, oldest first. */
    public List<AppliedRecord> history() throws IOException {
        return new AppliedLog(dir.appliedLog()).read();
    }
}
