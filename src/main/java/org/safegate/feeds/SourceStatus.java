package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.safegate.config.ListFormat;

/**
 * What an operator sees of one source (admin status, the lookup command): its version in force and
 * its last load attempt. Never holds a line of the list. Immutable.
 *
 * @param entries     entries of the version in force (0 when none ever loaded)
 * @param errors      bad lines in the last attempt
 * @param unsupported lines of valid syntax this resolver cannot apply, in the last attempt
 * @param lastSuccess when the version in force was loaded
 * @param lastAttempt when the file was last read
 * @param lastError   why the last attempt was rejected or held; empty when it was accepted
 * @param held        the version the shrink guard holds for an operator's decision, if any
 * @param onLastGood  the version in force is the last good copy from the state directory: at
 *                    start-up the source's file was missing, unreadable, rejected or held
 */
public record SourceStatus(String id, ListFormat format, Path path, int entries, long errors, long unsupported,
                           Optional<Instant> lastSuccess, Optional<Instant> lastAttempt, String lastError, State state,
                           Optional<HeldVersion> held, boolean onLastGood) {
    public SourceStatus {
        requireNonNull(id, "id");
        requireNonNull(format, "format");
        requireNonNull(path, "path");
        requireNonNull(lastSuccess, "lastSuccess");
        requireNonNull(lastAttempt, "lastAttempt");
        requireNonNull(lastError, "lastError");
        requireNonNull(state, "state");
        requireNonNull(held, "held");
    }

    public enum State {
        /** The last attempt was accepted and is in force. */
        OK,
        /** The last attempt was rejected; an earlier version stays in force. */
        REJECTED,
        /** The last attempt shrank too much: it waits for an operator, an earlier version (if any) stays in force. */
        HELD,
        /** No version was ever accepted: the source contributes no rules. */
        NEVER_LOADED
    }
}
