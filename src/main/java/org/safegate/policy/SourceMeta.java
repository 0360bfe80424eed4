package org.safegate.policy;

import static java.util.Objects.requireNonNull;

/**
 * What the policy knows of one source: its id (as in the config), category, mandate, whether its
 * entries are confidential (never shown: see {@link Verdict#describe}), and its precedence, which
 * decides between rules of different sources (see {@link Policy}). Immutable.
 */
public record SourceMeta(String id, String category, Mandate mandate, boolean confidential, int precedence) {
    public SourceMeta {
        requireNonNull(id, "id");
        requireNonNull(category, "category");
        requireNonNull(mandate, "mandate");
    }
}
