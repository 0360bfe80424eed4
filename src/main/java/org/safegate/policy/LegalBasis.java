package org.safegate.policy;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Why an entry is blocked by law: the authority that ordered it, its decision number, and the
 * decision's date (may be unknown). Immutable.
 */
public record LegalBasis(String authority, String decisionNumber, Optional<LocalDate> date) {
    public LegalBasis {
        requireNonNull(authority, "authority");
        requireNonNull(decisionNumber, "decisionNumber");
        requireNonNull(date, "date");
    }

    public LegalBasis(String authority, String decisionNumber, LocalDate date) {
        this(authority, decisionNumber, Optional.ofNullable(date));
    }

    /** One human line, as shown in an EDE text or a block page: {@code "Authority, decision 27-31-2015/Id2971-15, 2015-08-20"}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (!authority.isEmpty()) sb.append(authority);
        if (!decisionNumber.isEmpty()) {
            if (sb.length() > 0) sb.append(", ");
            sb.append("decision ").append(decisionNumber);
        }
        date.ifPresent(d -> sb.append(sb.length() > 0 ? ", " : "").append(d));
        return sb.toString();
    }
}
