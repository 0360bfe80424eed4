package org.safegate.policy;

import static java.util.Objects.requireNonNull;

/**
 * One source's metadata and the rules of its version in force: the unit the compiler merges.
 * A source may list domains, URLs, addresses and networks, or any mix.
 */
public record SourceRules(SourceMeta source, DomainList domains, UrlList urls, AddressList addresses) {
    public SourceRules {
        requireNonNull(source, "source");
        requireNonNull(domains, "domains");
        requireNonNull(urls, "urls");
        requireNonNull(addresses, "addresses");
    }

    /** A source with domain rules only. */
    public SourceRules(SourceMeta source, DomainList domains) {
        this(source, domains, UrlList.empty(), AddressList.empty());
    }

    /** A source with domain and URL rules. */
    public SourceRules(SourceMeta source, DomainList domains, UrlList urls) {
        this(source, domains, urls, AddressList.empty());
    }

    /**
     * The version of this source's rules: SHA-256 (hex) of its metadata and of its lists' content
     * hashes. Two nodes with the same lists and settings name the same version.
     */
    public String contentHash() {
        return new ContentDigest().text(source.toString()).text(domains.contentHash()).text(urls.contentHash())
                .text(addresses.contentHash()).hex();
    }

    /** Rules of every kind, for counts. */
    public int size() {
        return domains.size() + urls.size() + addresses.size();
    }
}
