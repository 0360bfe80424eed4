package org.safegate.journal;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The acknowledgement of an append: the batch is on disk (fsynced) under {@code sequence}, with
 * the batch's {@code time}. {@code repeated} is true when the idempotency key was seen before and
 * this receipt is the original one, given again; nothing was appended. Immutable.
 */
public record Receipt(long sequence, Instant time, boolean repeated) {
    public Receipt {
        requireNonNull(time, "time");
    }
}
