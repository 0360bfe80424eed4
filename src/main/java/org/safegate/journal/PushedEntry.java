package org.safegate.journal;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.safegate.policy.LegalBasis;

/**
 * One entry of a pushed source as it is in force: its legal basis and the batch (sequence and
 * time) since which it holds under that basis. Pushing an entry again under the same basis keeps
 * the original sequence and time; under another basis it starts anew. Immutable.
 */
public record PushedEntry(LegalBasis legalBasis, long sequence, Instant since) {
    public PushedEntry {
        requireNonNull(legalBasis, "legalBasis");
        requireNonNull(since, "since");
    }
}
