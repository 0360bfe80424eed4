package org.safegate.control;

import static java.util.Objects.requireNonNull;

import org.safegate.journal.Receipt;

/**
 * What a push came to: the journal's receipt (the batch is durable; {@code repeated} when its key
 * was seen before and nothing new was applied), and the policy version in force when the call
 * returned. {@code inForce} is false only when the new policy was not published within the wait
 * ({@link Pushes#WAIT}): the batch is durable and comes into force with the compile under way.
 * Immutable.
 */
public record PushResult(Receipt receipt, long policyVersion, boolean inForce) {
    public PushResult {
        requireNonNull(receipt, "receipt");
    }
}
