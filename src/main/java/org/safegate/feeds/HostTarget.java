package org.safegate.feeds;

import java.util.Locale;
import java.util.Set;

/**
 * What the address at the start of a hosts-file line means to a blocker.
 *
 * <ul>
 *   <li>{@link #BLOCKING}: {@code 0.0.0.0}, {@code 0} (which C resolvers read as 0.0.0.0), any
 *       address of 127.0.0.0/8, {@code ::} and {@code ::1} (also written out in full). Lists use
 *       these to send a name nowhere; we block the name instead.</li>
 *   <li>{@link #PREAMBLE}: the addresses of an operating system's own hosts entries that lists
 *       copy into their first lines: {@code 255.255.255.255} (broadcasthost), IPv6 link-local
 *       {@code fe80::...} (with or without a zone, {@code fe80::1%lo0}), {@code fe00::...}
 *       (ip6-localnet) and multicast {@code ff00::...}. Such lines are skipped silently.</li>
 *   <li>{@link #OTHER_ADDRESS}: any other IP address, which would redirect the name rather than
 *       block it.</li>
 *   <li>{@link #NOT_AN_ADDRESS}: anything else.</li>
 * </ul>
 *
 * <p>IPv6 is checked loosely (hexadecimal digits, colons, dots, at least two colons): only the
 * values above matter, and any other text is reported either way.
 */
enum HostTarget {
    BLOCKING,
    PREAMBLE,
    OTHER_ADDRESS,
    NOT_AN_ADDRESS;

    static final String EXPECTED = "0.0.0.0, 127.0.0.1, :: or ::1";

    private static final Set<String> BLOCKING_IPV6 = Set.of("::", "::0", "::1", "0:0:0:0:0:0:0:0", "0:0:0:0:0:0:0:1");

    /** Classifies the field {@code c[start, end)}; allocates only for values other than {@code 0.0.0.0}. */
    static HostTarget of(char[] c, int start, int end) {
        if (end - start == 7 && c[start] == '0' && c[start + 1] == '.' && c[start + 2] == '0' && c[start + 3] == '.'
                && c[start + 4] == '0' && c[start + 5] == '.' && c[start + 6] == '0') {
            return BLOCKING;  // the common case, without a String
        }
        return of(new String(c, start, end - start));
    }

    static HostTarget of(String address) {
        if (address.equals("0")) return BLOCKING;
        int firstOctet = ipv4FirstOctet(address);
        if (firstOctet >= 0) {
            if (firstOctet == 127 || address.equals("0.0.0.0")) return BLOCKING;
            return address.equals("255.255.255.255") ? PREAMBLE : OTHER_ADDRESS;
        }
        if (address.indexOf(':') < 0) return NOT_AN_ADDRESS;
        String lower = address.toLowerCase(Locale.ROOT);
        int zone = lower.indexOf('%');
        String bare = zone >= 0 ? lower.substring(0, zone) : lower;
        if (!looksLikeIpv6(bare)) return NOT_AN_ADDRESS;
        if (BLOCKING_IPV6.contains(bare)) return BLOCKING;
        if (bare.startsWith("fe80:") || bare.startsWith("fe00:") || bare.startsWith("ff")) return PREAMBLE;
        return OTHER_ADDRESS;
    }

    /** The first octet of a dotted-quad IPv4 address, or -1 when {@code s} is not one. */
    static int ipv4FirstOctet(String s) {
        int parts = 0;
        int value = -1;
        int first = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i == s.length() ? '.' : s.charAt(i);
            if (c == '.') {
                if (value < 0 || value > 255) return -1;
                if (parts == 0) first = value;
                parts++;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 999) return -1;
            } else {
                return -1;
            }
        }
        return parts == 4 ? first : -1;
    }

    private static boolean looksLikeIpv6(String s) {
        int colons = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':') colons++;
            else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == '.')) return false;
        }
        return colons >= 2;
    }
}
