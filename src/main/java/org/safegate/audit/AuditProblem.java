package org.safegate.audit;

import static java.util.Objects.requireNonNull;

/**
 * The first record of a history that does not hold: where ({@code line}, 1-based; the record's
 * {@code sequence} as written, or -1 when unreadable), which kind of damage, and why.
 */
public record AuditProblem(String file, int line, long sequence, Kind kind, String reason) {
    /** What the damage looks like. */
    public enum Kind {
        /** The record's content does not match its own hash. */
        EDITED,
        /** A sequence gap or a prev-hash that is not the hash of the line before. */
        REMOVED_OR_REORDERED,
        /** Not a record at all, or not in the canonical form it is written in. */
        MALFORMED
    }

    public AuditProblem {
        requireNonNull(file, "file");
        requireNonNull(kind, "kind");
        requireNonNull(reason, "reason");
    }

    /** {@code file:line: sequence N: kind: reason}. */
    @Override
    public String toString() {
        return file + ":" + line + ": " + (sequence < 0 ? "" : "sequence " + sequence + ": ")
                + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + reason;
    }
}
