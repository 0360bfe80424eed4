package org.safegate.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parses IP address literals without ever touching DNS. */
public final class IpLiteral {
    private IpLiteral() {}

    /** @throws IllegalArgumentException when {@code text} is not an IPv4 or IPv6 literal */
    public static InetAddress parse(String text) {
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!looksLiteral(t)) throw new IllegalArgumentException("\"" + text + "\" is not an IP address literal");
        try {
            return InetAddress.getByName(t);          // a literal: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address literal", e);
        }
    }

    private static boolean looksLiteral(String t) {
        if (t.isEmpty()) return false;
        if (t.indexOf(':') >= 0) {
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) return false;
            }
            return true;
        }
        int dots = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '.') dots++;
            else if (c < '0' || c > '9') return false;
        }
        return dots == 3;
    }
}
