package org.safegate.audit;

/** A history line that is not a record in canonical form; the message says what is wrong. */
final class AuditLineException extends Exception {
    AuditLineException(String reason) {
        super(reason);
    }
}
