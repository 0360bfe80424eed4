package org.safegate.policy;

import static java.util.Objects.requireNonNull;

/** One source's metadata and the rules of its version in force: the unit the compiler merges. */
public record SourceRules(SourceMeta source, DomainList domains) {
    public SourceRules {
        requireNonNull(source, "source");
        requireNonNull(domains, "domains");
    }
}
