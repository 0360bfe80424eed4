package org.safegate.policy;

/**
 * Bracketed IPv6 hosts, as the Safe Browsing reference (v5) normalises them: RFC 5952 text
 * ({@code "[2001:0DB8:0000::1]"} → {@code "[2001:db8::1]"}), and IPv4 behind the two prefixes
 * that only carry IPv4 becomes that IPv4 address: mapped {@code "[::ffff:1.2.3.4]"} and NAT64
 * {@code "[64:ff9b::1.2.3.4]"} → {@code "1.2.3.4"}. Zone identifiers are rejected: they name a
 * local interface, not a server.
 *
 * <p>Thread-safe: static and stateless.
 */
final class UrlIpv6 {
    private UrlIpv6() {}

    static String canonicalize(String bracketed) throws InvalidUrlException {
        int last = bracketed.length() - 1;
        if (last < 1 || bracketed.charAt(last) != ']') throw invalid("'[' without ']'");
        int[] groups = parse(bracketed.substring(1, last));
        if (isZero(groups, 0, 5) && groups[5] == 0xffff) return ipv4(groups);
        if (groups[0] == 0x64 && groups[1] == 0xff9b && isZero(groups, 2, 6)) return ipv4(groups);
        return '[' + format(groups) + ']';
    }

    private static int[] parse(String text) throws InvalidUrlException {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) throw invalid("more than one '::'");
        if (gap >= 0 && text.lastIndexOf('.', gap) >= 0) throw invalid("IPv4 only at the end");
        int[] head = groups(gap < 0 ? text : text.substring(0, gap));
        int[] tail = gap < 0 ? new int[0] : groups(text.substring(gap + 2));
        if (gap < 0 && head.length != 8) throw invalid("8 groups expected");
        if (gap >= 0 && head.length + tail.length > 7) throw invalid("too many groups");
        int[] all = new int[8];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, 8 - tail.length, tail.length);
        return all;
    }

    /** Colon-separated hex groups; the last may be a dotted IPv4 address (two groups). */
    private static int[] groups(String text) throws InvalidUrlException {
        if (text.isEmpty()) return new int[0];
        String[] parts = text.split(":", -1);
        if (parts.length > 8) throw invalid("too many groups");
        boolean dotted = parts[parts.length - 1].indexOf('.') >= 0;
        int[] out = new int[parts.length + (dotted ? 1 : 0)];
        for (int i = 0; i < parts.length - (dotted ? 1 : 0); i++) out[i] = hexGroup(parts[i]);
        if (dotted) {
            long v4 = dottedQuad(parts[parts.length - 1]);
            out[parts.length - 1] = (int) (v4 >>> 16);
            out[parts.length] = (int) (v4 & 0xffff);
        }
        return out;
    }

    private static int hexGroup(String part) throws InvalidUrlException {
        if (part.isEmpty() || part.length() > 4) throw invalid("a group has 1 to 4 hex digits");
        int value = 0;
        for (int i = 0; i < part.length(); i++) {
            int digit = Character.digit(part.charAt(i), 16);
            if (digit < 0 || part.charAt(i) > 'f') throw invalid("a group has 1 to 4 hex digits");
            value = value << 4 | digit;
        }
        return value;
    }

    private static long dottedQuad(String text) throws InvalidUrlException {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) throw invalid("embedded IPv4 needs 4 decimal parts");
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9'))
                throw invalid("embedded IPv4 needs 4 decimal parts");
            int n = Integer.parseInt(part);
            if (n > 255) throw invalid("embedded IPv4 part over 255");
            value = value << 8 | n;
        }
        return value;
    }

    /** RFC 5952: lower case, no leading zeros, the first longest run of 2+ zero groups as "::". */
    private static String format(int[] groups) {
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) j++;
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') out.append(':');
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    private static boolean isZero(int[] groups, int from, int to) {
        for (int i = from; i < to; i++) if (groups[i] != 0) return false;
        return true;
    }

    private static String ipv4(int[] groups) {
        return (groups[6] >>> 8) + "." + (groups[6] & 255) + "." + (groups[7] >>> 8) + "." + (groups[7] & 255);
    }

    private static InvalidUrlException invalid(String reason) {
        return new InvalidUrlException("host", "not a valid IPv6 address (" + reason + ")");
    }
}
