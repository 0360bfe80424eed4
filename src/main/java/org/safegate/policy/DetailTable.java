package org.safegate.policy;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The details of a rule list being built, each held once: entries keep an int reference, so a
 * register of 500k entries under a few tens of thousands of decisions stores each decision once.
 * Reference 0 is {@link RuleDetail#NONE}. Not thread-safe: one per builder.
 */
final class DetailTable {
    private final List<RuleDetail> details = new ArrayList<>(List.of(RuleDetail.NONE));
    private final Map<RuleDetail, Integer> index = new HashMap<>(Map.of(RuleDetail.NONE, 0));

    /** The reference of {@code detail}, added on first use. */
    int ref(RuleDetail detail) {
        return index.computeIfAbsent(requireNonNull(detail, "detail"), d -> {
            details.add(d);
            return details.size() - 1;
        });
    }

    /** The details so far, in reference order; immutable. */
    List<RuleDetail> snapshot() {
        return List.copyOf(details);
    }
}
