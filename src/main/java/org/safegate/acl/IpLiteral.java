package org.safegate.acl;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parses IP address literals without ever touching DNS. Thread-safe: stateless. */
public final class IpLiteral {
    private IpLiteral() {}

    /**
     * @param text {@code 192.0.2.1}, {@code 2001:db8::1} or {@code [2001:db8::1]}
     * @throws IllegalArgumentException when {@code text} is not an IPv4 or IPv6 literal
     */
    public static InetAddress parse(String text) {
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (t.indexOf(':') >= 0) return parseIpv6(t, text);
        byte[] v4 = ipv4Bytes(t);
        if (v4 == null) throw notLiteral(text);
        try {
            return InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always a valid address", e);
        }
    }

    // The JDK's getByName sends a DNS query for text like "999.1.1.1" (digits, not a valid dotted
    // quad, no colon), so IPv4 is parsed here. Leading zeros are refused: some tools read 010 as octal.
    private static byte[] ipv4Bytes(String t) {
        String[] parts = t.split("\\.", -1);
        if (parts.length != 4) return null;
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) return null;
            for (int j = 0; j < p.length(); j++) if (p.charAt(j) < '0' || p.charAt(j) > '9') return null;
            int value = Integer.parseInt(p);
            if (value > 255) return null;
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    // With a colon in it and a hex digit or colon first, getByName parses or throws, never looks up.
    private static InetAddress parseIpv6(String t, String text) {
        if (!isHex(t.charAt(0)) && t.charAt(0) != ':') throw notLiteral(text);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(isHex(c) || c == ':' || c == '.')) throw notLiteral(text);
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(notLiteral(text).getMessage(), e);
        }
    }

    private static boolean isHex(char c) {            // ASCII only: Character.digit accepts other scripts' digits
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static IllegalArgumentException notLiteral(String text) {
        return new IllegalArgumentException("\"" + text + "\" is not an IP address literal (expected: like 192.0.2.1 or 2001:db8::1)");
    }
}
