package org.safegate.feeds;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.safegate.policy.DomainName;
import org.safegate.policy.InvalidNameException;

/**
 * Cleans the values of a register record. Real dumps are typed by hand: Cyrillic names, a stray
 * {@code http://} or trailing {@code /} or {@code \} in a domain field, spaces around a value, a
 * trailing dot. What has one reading is repaired; anything else (a path in a domain field, a space or
 * backslash inside a name, an address with leading zeros) is rejected with a reason that quotes
 * nothing, so the caller can put it in a {@link ParseError} for a confidential source too.
 *
 * <p>Thread-safe: static and stateless.
 */
final class RegistryNormalizer {
    private RegistryNormalizer() {}

    /** {@code raw} without surrounding whitespace, the no-break space included (it arrives pasted). */
    static String trim(String raw) {
        int from = 0;
        int to = raw.length();
        while (from < to && isBlank(raw.charAt(from))) from++;
        while (to > from && isBlank(raw.charAt(to - 1))) to--;
        return raw.substring(from, to);
    }

    private static boolean isBlank(char c) {
        return Character.isWhitespace(c) || c == '\u00a0' || c == '\ufeff';
    }

    /**
     * The normal form of a domain field. {@code mask} is true for a {@code domain-mask} record: a
     * leading {@code *.} is then expected and removed (a bare name is read as its own mask).
     */
    static String domain(String raw, boolean mask) throws InvalidNameException {
        String name = trim(raw);
        int scheme = name.indexOf("://");
        if (scheme > 0 && isScheme(name, scheme)) name = name.substring(scheme + 3);
        if (name.endsWith("/") || name.endsWith("\\")) name = name.substring(0, name.length() - 1);
        if (name.indexOf('/') >= 0) throw new InvalidNameException("a path in a domain field (expected: a bare name)");
        if (mask && name.startsWith("*.")) name = name.substring(2);
        return DomainName.normalize(name);
    }

    /**
     * The host of a URL, normalised; {@code null} when the host is an IP literal (no name to rule on).
     *
     * @throws InvalidNameException when there is no {@code scheme://host} or the host is not a name
     */
    static String urlHost(String url) throws InvalidNameException {
        int scheme = url.indexOf("://");
        if (scheme <= 0 || !isScheme(url, scheme))
            throw new InvalidNameException("no scheme (expected: scheme://host/...)");
        int start = scheme + 3;
        int end = start;
        while (end < url.length() && "/?#\\".indexOf(url.charAt(end)) < 0) end++;
        String authority = url.substring(start, end);
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        if (host.startsWith("[")) return null;
        int colon = host.indexOf(':');
        if (colon >= 0) {
            if (!isDigits(host, colon + 1)) throw new InvalidNameException("port is not a number (expected: host:port)");
            host = host.substring(0, colon);
        }
        if (ipv4(host) != null) return null;
        return DomainName.normalize(host);
    }

    private static boolean isScheme(String s, int end) {
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && ((c >= '0' && c <= '9') || c == '+'
                    || c == '-' || c == '.'));
            if (!ok) return false;
        }
        return true;
    }

    private static boolean isDigits(String s, int from) {
        if (from >= s.length() || s.length() - from > 5) return false;
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        }
        return true;
    }

    /** {@code raw} as a dotted-quad IPv4 address, or null. Leading zeros are refused: some read them as octal. */
    static String ipv4(String raw) {
        String[] parts = raw.split("\\.", -1);
        if (parts.length != 4) return null;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0') || !isDigits(p, 0)) return null;
            if (Integer.parseInt(p) > 255) return null;
        }
        return raw;
    }

    /** {@code raw} as an IPv6 address in Java's text form, or null. Never a DNS lookup: only hex, ':' and '.' pass. */
    static String ipv6(String raw) {
        if (raw.isEmpty() || raw.indexOf(':') < 0) return null;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex && c != ':' && c != '.') return null;
        }
        try {
            // With only hex digits, ':' and '.', a string holding ':' is parsed as a literal: it cannot reach a resolver
            return InetAddress.getByName(raw).getHostAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An IPv4 or IPv6 address, or null. */
    static String ip(String raw) {
        String v4 = ipv4(raw);
        return v4 != null ? v4 : ipv6(raw);
    }

    /** {@code address/prefix} with the prefix in range for its family, or null. */
    static String subnet(String raw) {
        int slash = raw.indexOf('/');
        if (slash < 0 || !isDigits(raw, slash + 1) || raw.length() - slash > 4) return null;
        int prefix = Integer.parseInt(raw.substring(slash + 1));
        String v4 = ipv4(raw.substring(0, slash));
        if (v4 != null) return prefix <= 32 ? v4 + "/" + prefix : null;
        String v6 = ipv6(raw.substring(0, slash));
        return v6 != null && prefix <= 128 ? v6 + "/" + prefix : null;
    }
}
