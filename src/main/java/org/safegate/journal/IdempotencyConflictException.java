package org.safegate.journal;

/**
 * A batch reused an idempotency key of its source with different content. The original batch
 * stays in force and nothing was appended: acknowledging the new one would tell the regulator an
 * order is in force when it is not.
 */
public final class IdempotencyConflictException extends Exception {
    private final Receipt original;

    IdempotencyConflictException(String source, Receipt original) {
        super("idempotencyKey: already used for source \"" + source + "\" by another batch (sequence "
                + original.sequence() + ", " + original.time() + "); expected: a new key for new content");
        this.original = original;
    }

    /** The receipt of the batch that first used the key. */
    public Receipt original() {
        return original;
    }
}
