package org.safegate.audit;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The result of checking a history: how many records held before the first problem (all of
 * them when there is none), the hash of the last of those, and the problem if any.
 */
public record AuditVerification(long records, String head, Optional<AuditProblem> problem) {
    public AuditVerification {
        requireNonNull(head, "head");
        requireNonNull(problem, "problem");
    }

    public boolean intact() {
        return problem.isEmpty();
    }

    /** {@code N records, chain intact, head H}, or the problem. */
    public String describe() {
        return problem.map(AuditProblem::toString).orElse(records + " records, chain intact, head " + head);
    }
}
