package org.safegate.policy;

import static java.util.Objects.requireNonNull;

/**
 * One source's metadata and the rules of its version in force: the unit the compiler merges.
 * A source may list domains, URLs, or both.
 */
public record SourceRules(SourceMeta source, DomainList domains, UrlList urls) {
    public SourceRules {
        requireNonNull(source, "source");
        requireNonNull(domains, "domains");
        requireNonNull(urls, "urls");
    }

    /** A source with domain rules only. */
    public SourceRules(SourceMeta source, DomainList domains) {
        this(source, domains, UrlList.empty());
    }

    /** Rules of both kinds, for counts. */
    public int size() {
        return domains.size() + urls.size();
    }
}
