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

    /**
     * The version of this source's rules: SHA-256 (hex) of its metadata and of both lists' content
     * hashes. Two nodes with the same lists and settings name the same version.
     */
    public String contentHash() {
        return new ContentDigest().text(source.toString()).text(domains.contentHash()).text(urls.contentHash()).hex();
    }

    /** Rules of both kinds, for counts. */
    public int size() {
        return domains.size() + urls.size();
    }
}
