/**
 * The hash-chained history of policy changes: {@link org.safegate.audit.AuditLog} appends one
 * {@link org.safegate.audit.AuditRecord} per change as a JSON line, each carrying
 * {@code SHA-256(prev-hash ‖ canonical record)}, fsynced; {@link org.safegate.audit.AuditChain}
 * verifies a file and names the first edited, removed, reordered or malformed record.
 *
 * <p>Depends on nothing of ours. Thread-safe.
 */
package org.safegate.audit;
