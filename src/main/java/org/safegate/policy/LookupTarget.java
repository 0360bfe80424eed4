package org.safegate.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What someone asks the policy about, a name or a URL, parsed the one way the data plane parses
 * it: {@link DomainName#normalize} for a name, {@link UrlCanonicalizer} for a URL. The lookup
 * command and the admin API's lookup share it, so both explain the verdict the resolver and the
 * proxy would give. Immutable.
 */
public final class LookupTarget {
    private final String given;
    private final String normalizedName;      // null for a URL
    private final CanonicalUrl url;           // null for a name

    private LookupTarget(String given, String normalizedName, CanonicalUrl url) {
        this.given = given;
        this.normalizedName = normalizedName;
        this.url = url;
    }

    /** A URL when it has a scheme or a '/' (a domain name never has one), else a name. */
    public static LookupTarget parse(String text) throws InvalidNameException, InvalidUrlException {
        return looksLikeUrl(text) ? url(text) : name(text);
    }

    public static boolean looksLikeUrl(String text) {
        return text.regionMatches(true, 0, "http://", 0, 7) || text.regionMatches(true, 0, "https://", 0, 8)
                || text.indexOf('/') >= 0;
    }

    public static LookupTarget name(String text) throws InvalidNameException {
        requireNonNull(text, "text");
        return new LookupTarget(text, DomainName.normalize(text), null);
    }

    public static LookupTarget url(String text) throws InvalidUrlException {
        requireNonNull(text, "text");
        return new LookupTarget(text, null, UrlCanonicalizer.canonicalize(text));
    }

    public boolean isUrl() {
        return url != null;
    }

    /** The text as given. */
    public String given() {
        return given;
    }

    /** The normalised name, or the canonical URL: what the policy is asked about. */
    public String canonical() {
        return url == null ? normalizedName : url.toString();
    }

    /**
     * For a URL, the expressions checked against the URL rules ({@link UrlMatcher#probedExpressions}),
     * all derived from the URL given: listing them reveals no entry, and none is marked as the match
     * (that would reveal a confidential one). Empty for a name.
     */
    public List<String> probedExpressions() {
        return url == null ? List.of() : UrlMatcher.probedExpressions(url);
    }

    /** The verdict of {@code policy}, as the resolver (name) or the proxy (URL) would decide. */
    public Verdict check(Policy policy) {
        return url == null ? policy.check(normalizedName) : policy.checkUrl(url);
    }
}
