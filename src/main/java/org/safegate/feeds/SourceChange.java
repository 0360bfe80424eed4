package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A new version of a file source that changed what is in force or waits for an operator: applied,
 * held by the shrink guard, or a held one accepted or rejected by an operator. Pushed sources make
 * none (their pushes are recorded where they are received). Immutable.
 *
 * @param entries the version's rules (domains and URLs, as applied.log counts them)
 */
public record SourceChange(Instant time, String source, Kind kind, long entries) {
    /** What became of the version. */
    public enum Kind { APPLIED, HELD, ACCEPTED, REJECTED }

    public SourceChange {
        requireNonNull(time, "time");
        requireNonNull(source, "source");
        requireNonNull(kind, "kind");
    }
}
