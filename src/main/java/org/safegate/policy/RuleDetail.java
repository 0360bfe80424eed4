package org.safegate.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Per-entry detail beyond its source: the legal basis (a registry record's decision) and an answer
 * the entry itself asks for (RPZ). Shared: many entries point to one detail. Immutable.
 */
public record RuleDetail(Optional<LegalBasis> legalBasis, RuleAnswer answer, List<LocalRecord> localData) {
    public static final RuleDetail NONE = new RuleDetail(Optional.empty(), RuleAnswer.SOURCE_DEFAULT, List.of());

    public RuleDetail {
        requireNonNull(legalBasis, "legalBasis");
        requireNonNull(answer, "answer");
        localData = List.copyOf(localData);
        if ((answer == RuleAnswer.LOCAL_DATA) == localData.isEmpty())
            throw new IllegalArgumentException("localData: " + localData.size() + " records with answer " + answer
                    + " (expected: records exactly when the answer is LOCAL_DATA)");
    }

    public static RuleDetail of(LegalBasis basis) {
        return new RuleDetail(Optional.of(basis), RuleAnswer.SOURCE_DEFAULT, List.of());
    }

    public static RuleDetail answer(RuleAnswer answer) {
        return new RuleDetail(Optional.empty(), answer, List.of());
    }

    public static RuleDetail localData(List<LocalRecord> records) {
        return new RuleDetail(Optional.empty(), RuleAnswer.LOCAL_DATA, records);
    }
}
