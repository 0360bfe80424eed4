package org.safegate.audit;

import static java.util.Objects.requireNonNull;

/**
 * One line of the history: the event under its sequence number (from 1, without gaps), the hash
 * of the record before it ({@link AuditLog#GENESIS} for the first) and its own hash,
 * {@code SHA-256(prevHash ‖ canonical bytes)} in lower-case hex. Immutable.
 */
public record AuditRecord(long sequence, AuditEvent event, String prevHash, String hash) {
    public AuditRecord {
        requireNonNull(event, "event");
        requireNonNull(prevHash, "prevHash");
        requireNonNull(hash, "hash");
    }
}
