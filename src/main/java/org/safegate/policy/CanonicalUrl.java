package org.safegate.policy;

import java.util.Objects;

/**
 * A URL in the one canonical form that URL lists are compiled with and requests are checked with;
 * made only by {@link UrlCanonicalizer#canonicalize}.
 *
 * <p>Every part is printable ASCII: the host is a lower-case domain name (IDN in punycode), a
 * dotted-quad IPv4 address or a bracketed IPv6 address; path and query are percent-escaped as
 * Safe Browsing escapes them. {@link #expression()} is the string Safe Browsing hashes.
 *
 * <p>{@link #toString()} prints the URL: wrap a URL from a confidential list in its
 * {@code Confidential} holder before it can reach a log. Immutable and thread-safe.
 */
public final class CanonicalUrl {
    private final String scheme;
    private final String host;
    private final int port;
    private final String path;
    private final String query;
    private final String pathAndQuery;

    CanonicalUrl(String scheme, String host, int port, String path, String query) {
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.path = Objects.requireNonNull(path, "path");
        this.query = query;
        this.pathAndQuery = query == null ? path : path + '?' + query;
    }

    /** Lower case, for example {@code "http"}; {@code "http"} when the input had none. */
    public String scheme() {
        return scheme;
    }

    /** {@code "www.example.test"}, {@code "192.0.2.1"} or {@code "[2001:db8::1]"}. */
    public String host() {
        return host;
    }

    /** The explicit port, or -1 when none was given or it was the scheme's default (80, 443). */
    public int port() {
        return port;
    }

    /** Starts with {@code '/'}; {@code "/"} when the input had no path. */
    public String path() {
        return path;
    }

    /**
     * The text after the first {@code '?'}, escaped but otherwise as given (no dot segments or
     * slashes removed); {@code ""} for a bare {@code '?'}; null when there was no {@code '?'}.
     */
    public String query() {
        return query;
    }

    /** {@link #path()} plus {@code '?'} and the query when there is one. */
    public String pathAndQuery() {
        return pathAndQuery;
    }

    /**
     * {@code host + path [+ "?" + query]}, for example {@code "a.b.test/1/2.html?param=1"}: the
     * Safe Browsing expression of the whole URL, without scheme and port, because Safe Browsing
     * hashes neither (its own example {@code http://www.gotaport.com:1234/} canonicalises to
     * {@code www.gotaport.com/}). Two URLs that differ only in scheme or port share it.
     */
    public String expression() {
        return host + pathAndQuery;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CanonicalUrl other
                && port == other.port
                && scheme.equals(other.scheme)
                && host.equals(other.host)
                && pathAndQuery.equals(other.pathAndQuery)
                && Objects.equals(query, other.query);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheme, host, port, pathAndQuery);
    }

    /** {@code scheme://host[:port]/path[?query]}. */
    @Override
    public String toString() {
        return scheme + "://" + host + (port < 0 ? "" : ":" + port) + pathAndQuery;
    }
}
