package org.safegate.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One policy change as the caller reports it: when, who (a token name, or {@code system} for a
 * feed), which source (empty for a change of no one source, such as a reload), what, the counts
 * (entries added, removed, and in the source afterwards) and the resulting policy version (a
 * content hash, as the caller computes it). Immutable.
 */
public record AuditEvent(Instant time, String actor, String source, AuditAction action,
                         long added, long removed, long entries, String policyVersion) {
    public AuditEvent {
        requireNonNull(time, "time");
        requireNonNull(actor, "actor");
        requireNonNull(source, "source");
        requireNonNull(action, "action");
        requireNonNull(policyVersion, "policyVersion");
        if (added < 0 || removed < 0 || entries < 0)
            throw new IllegalArgumentException("counts: added=" + added + " removed=" + removed + " entries=" + entries + " (expected: >= 0)");
    }
}
