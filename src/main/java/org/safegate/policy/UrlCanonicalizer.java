package org.safegate.policy;

import static java.util.Objects.requireNonNull;

/**
 * The one URL canonicalisation, used when URL lists are compiled and when requests are checked, so
 * that a listed URL matches however a client spells it. It follows the public Google Safe Browsing
 * v4 "URLs and Hashing" rules, so lists hashed by other tools match ours, with two extensions: IDN
 * hosts become punycode, and the default port (80 for http, 443 for https) is dropped.
 *
 * <p>The rules, in order, each with an example (input → {@code scheme://}{@link
 * CanonicalUrl#expression()}):
 * <ol>
 *   <li>tab, CR and LF are removed anywhere ({@code "http://a.test/foo\tbar\n2"} →
 *       {@code "http://a.test/foobar2"}), then surrounding spaces and control characters
 *       ({@code "  http://a.test/  "} → {@code "http://a.test/"});</li>
 *   <li>the fragment goes, from the first {@code '#'} ({@code "http://a.test/foo#bar#baz"} →
 *       {@code "http://a.test/foo"});</li>
 *   <li>the whole URL is percent-unescaped until nothing changes ({@code "http://a.test/%2525252525"}
 *       → {@code "http://a.test/%25"}); an encoded separator is a separator from then on
 *       ({@code "http%3A%2F%2Fa.test%2Fb"} → {@code "http://a.test/b"}); a {@code '%'} that does not start
 *       two hex digits stays;</li>
 *   <li>scheme: what precedes {@code "://"}, lower-cased; none means http ({@code "a.test"} →
 *       {@code "http://a.test/"}). Without {@code "://"}, a {@code "mailto:x@a.test"} has no host;</li>
 *   <li>user info before {@code '@'} is dropped ({@code "http://u:p@a.test/"} → {@code "http://a.test/"});</li>
 *   <li>port: digits, 1–65535; the scheme's default is dropped, others kept in {@link
 *       CanonicalUrl#port()} but, as in Safe Browsing, not in the expression
 *       ({@code "http://a.test:8080/"} → {@code "http://a.test/"}, port 8080);</li>
 *   <li>host: leading and trailing dots stripped, runs of dots collapsed ({@code "..a...test.."} →
 *       {@code "a.test"}); a host whose last label is a number must be an IPv4 address in any
 *       inet_aton spelling, written as a dotted quad ({@code "3279880203"}, {@code "0xc3.0x7f.0.013"},
 *       {@code "0303.127.11"} → {@code "195.127.0.11"}); a bracketed IPv6 address is written per
 *       RFC 5952 ({@code "[2001:DB8:0::1]"} → {@code "[2001:db8::1]"}), IPv4-mapped and NAT64 ones
 *       as their IPv4 address; any other host is a {@link DomainName} (lower case, IDN to punycode:
 *       {@code "www.ümlat.test"} → {@code "www.xn--mlat-zra.test"}) or an error;</li>
 *   <li>path (up to the first {@code '?'}): {@code "."} and empty segments go, {@code ".."} removes
 *       the previous segment but never climbs above the root ({@code "/a//b/./../c"} →
 *       {@code "/a/c"}, {@code "/%2e%2e/x"} → {@code "/x"}); a path that ended in a directory
 *       ({@code '/'}, {@code "."}, {@code ".."}) keeps its trailing slash; no path is {@code "/"};</li>
 *   <li>query (after the first {@code '?'}): kept as given, even {@code "//"} and the empty query
 *       ({@code "http://a.test/q?"} → {@code "http://a.test/q?"});</li>
 *   <li>path and query bytes &lt;= 0x20, &gt;= 0x7f, {@code '#'} and {@code '%'} are escaped with
 *       upper-case hex, and nothing else is ({@code "/%7ea%2521b%20%c3%bc"} →
 *       {@code "/~a!b%20%C3%BC"}); characters outside ASCII are taken as UTF-8.</li>
 * </ol>
 *
 * <p>Where this is stricter than Safe Browsing: a host that is neither a domain name nor an IP
 * address (Safe Browsing's examples {@code "host%23.test"}, {@code "%20leading.test"}) is an error,
 * not an escaped host: no DNS name has such a host, so no request can reach it.
 *
 * <p>Thread-safe: static and stateless.
 */
public final class UrlCanonicalizer {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final int MAX_SCHEME_LENGTH = 32;

    private UrlCanonicalizer() {}

    /**
     * Returns the canonical form of {@code raw}.
     *
     * @throws InvalidUrlException naming the part that is wrong (never quoting the URL)
     */
    public static CanonicalUrl canonicalize(String raw) throws InvalidUrlException {
        requireNonNull(raw, "raw");
        String text = withoutFragment(withoutTabsAndNewlines(raw).trim());
        // One char per byte from here on: unescaping yields bytes, and escaping writes bytes back.
        String url = unescapeFully(utf8Bytes(text));
        int schemeEnd = schemeEnd(url);
        String scheme = schemeEnd < 0 ? "http" : lowerAscii(url.substring(0, schemeEnd));
        int authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < url.length() && url.charAt(authorityEnd) != '/' && url.charAt(authorityEnd) != '?')
            authorityEnd++;
        String authority = url.substring(authorityStart, authorityEnd);
        if (schemeEnd >= 0) authority = authority.substring(authority.lastIndexOf('@') + 1);
        int portStart = portSeparator(authority);
        String host = UrlHost.canonicalize(portStart < 0 ? authority : authority.substring(0, portStart));
        int port = portStart < 0 ? -1 : port(authority.substring(portStart + 1), scheme);
        int queryStart = url.indexOf('?', authorityEnd);
        String path = queryStart < 0 ? url.substring(authorityEnd) : url.substring(authorityEnd, queryStart);
        String query = queryStart < 0 ? null : escape(url.substring(queryStart + 1));
        return new CanonicalUrl(scheme, host, port, escape(withoutDotSegments(path)), query);
    }

    private static String withoutTabsAndNewlines(String raw) {
        if (raw.indexOf('\t') < 0 && raw.indexOf('\r') < 0 && raw.indexOf('\n') < 0) return raw;
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\t' && c != '\r' && c != '\n') out.append(c);
        }
        return out.toString();
    }

    /**
     * The UTF-8 bytes of {@code text}, one char per byte. A lone surrogate becomes U+FFFD, not
     * the {@code '?'} of {@link String#getBytes}, which would start a query.
     */
    private static String utf8Bytes(String text) {
        int i = 0;
        while (i < text.length() && text.charAt(i) < 0x80) i++;
        if (i == text.length()) return text;
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
        while (i < text.length()) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) c = 0xFFFD;
            if (c < 0x80) {
                out.append((char) c);
            } else if (c < 0x800) {
                out.append((char) (0xC0 | c >> 6)).append((char) (0x80 | c & 0x3F));
            } else if (c < 0x10000) {
                out.append((char) (0xE0 | c >> 12)).append((char) (0x80 | c >> 6 & 0x3F)).append((char) (0x80 | c & 0x3F));
            } else {
                out.append((char) (0xF0 | c >> 18)).append((char) (0x80 | c >> 12 & 0x3F))
                        .append((char) (0x80 | c >> 6 & 0x3F)).append((char) (0x80 | c & 0x3F));
            }
        }
        return out.toString();
    }

    private static String withoutFragment(String url) {
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }

    /** Unescapes until nothing changes; ends because every pass that changes shortens the text. */
    static String unescapeFully(String url) {
        String previous;
        do {
            previous = url;
            url = unescapeOnce(url);
        } while (url.length() != previous.length());
        return url;
    }

    private static String unescapeOnce(String url) {
        if (url.indexOf('%') < 0) return url;
        StringBuilder out = new StringBuilder(url.length());
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            int high = i + 2 < url.length() && c == '%' ? hexValue(url.charAt(i + 1)) : -1;
            int low = high < 0 ? -1 : hexValue(url.charAt(i + 2));
            if (low < 0) {
                out.append(c);
            } else {
                out.append((char) (high << 4 | low));
                i += 2;
            }
        }
        return out.toString();
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') return (c | 0x20) - 'a' + 10;
        return -1;
    }

    /** The index of {@code "://"} when a valid scheme (RFC 3986 §3.1) precedes it, else -1. */
    private static int schemeEnd(String url) {
        int end = url.indexOf("://");
        if (end < 1 || end > MAX_SCHEME_LENGTH || !isAsciiLetter(url.charAt(0))) return -1;
        for (int i = 1; i < end; i++) {
            char c = url.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return -1;
        }
        return end;
    }

    private static boolean isAsciiLetter(char c) {
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }

    private static String lowerAscii(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) out.append(isAsciiLetter(s.charAt(i)) ? (char) (s.charAt(i) | 0x20) : s.charAt(i));
        return out.toString();
    }

    /** The ':' before the port, or -1; the colons inside a bracketed IPv6 host do not count. */
    private static int portSeparator(String authority) throws InvalidUrlException {
        int close = authority.startsWith("[") ? authority.indexOf(']') : -1;
        int colon = authority.lastIndexOf(':');
        if (close < 0) return colon;
        if (close == authority.length() - 1) return -1;
        if (authority.charAt(close + 1) != ':') throw new InvalidUrlException("host", "text after the IPv6 address");
        return close + 1;
    }

    /** -1 for an empty port (RFC 3986 allows {@code "a.test:"}) and the scheme's default. */
    private static int port(String digits, String scheme) throws InvalidUrlException {
        if (digits.isEmpty()) return -1;
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') throw new InvalidUrlException("port", "not a number");
            value = Math.min(value * 10 + (c - '0'), 1 << 20);
        }
        if (value < 1 || value > 65535) throw new InvalidUrlException("port", "out of range (expected: 1-65535)");
        if (value == 80 && scheme.equals("http") || value == 443 && scheme.equals("https")) return -1;
        return (int) value;
    }

    /** Resolves {@code "."}, {@code ".."} and empty segments; see the class comment. */
    static String withoutDotSegments(String path) {
        StringBuilder out = new StringBuilder(path.length() + 1).append('/');
        boolean directory = true;
        int start = 0;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) end = path.length();
            int length = end - start;
            if (length == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.') {
                if (out.length() > 1) out.setLength(out.lastIndexOf("/", out.length() - 2) + 1);
                directory = true;
            } else if (length == 1 && path.charAt(start) == '.' || length == 0) {
                directory = true;
            } else {
                out.append(path, start, end).append('/');
                directory = end < path.length();
            }
            start = end + 1;
        }
        if (!directory) out.setLength(out.length() - 1);
        return out.toString();
    }

    /** Escapes bytes &lt;= 0x20, &gt;= 0x7f, '#' and '%' as %XX with upper-case hex. */
    static String escape(String bytes) {
        StringBuilder out = null;
        for (int i = 0; i < bytes.length(); i++) {
            char c = bytes.charAt(i);
            boolean escaped = c <= 0x20 || c >= 0x7f || c == '#' || c == '%';
            if (escaped && out == null) out = new StringBuilder(bytes.length() + 16).append(bytes, 0, i);
            if (out == null) continue;
            if (escaped) out.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            else out.append(c);
        }
        return out == null ? bytes : out.toString();
    }
}
