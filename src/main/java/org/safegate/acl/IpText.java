package org.safegate.acl;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IP address literals to bytes and back, never touching DNS. IPv4 is parsed strictly (four
 * decimal parts, no leading zeros: {@code 010.0.0.1} is octal to some tools and decimal to
 * others, so it is refused); IPv6 goes to the JDK only once its characters prove it a literal,
 * so no name lookup can happen. Thread-safe: static and stateless.
 */
final class IpText {
    private IpText() {}

    /**
     * @param context the whole entry, for the message
     * @return 4 bytes for IPv4 and IPv4-mapped IPv6, else 16
     */
    static byte[] parse(String context, String text) {
        if (text.indexOf(':') < 0) return parseV4(context, text);
        // the JDK treats text as a literal only when it starts like one; anything else would be a lookup
        if (Character.digit(text.charAt(0), 16) < 0 && text.charAt(0) != ':')
            throw new IllegalArgumentException("\"" + context + "\": \"" + text + "\" is not an IPv6 address");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.'))
                throw new IllegalArgumentException("\"" + context + "\": character '" + c + "' in address \"" + text
                        + "\" (expected: an IPv6 literal, no zone id, no brackets)");
        }
        try {
            byte[] bytes = InetAddress.getByName(text).getAddress();   // a checked literal: no lookup happens
            if (NetworkSet.isMappedV4(bytes)) return new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
            return bytes;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + context + "\": \"" + text + "\" is not an IPv6 address", e);
        }
    }

    private static byte[] parseV4(String context, String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4)
            throw new IllegalArgumentException("\"" + context + "\": \"" + text + "\" is not an IP address (expected: a.b.c.d or IPv6)");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            boolean digits = !p.isEmpty() && p.length() <= 3 && p.chars().allMatch(c -> c >= '0' && c <= '9');
            int value = digits ? Integer.parseInt(p) : -1;
            if (!digits || value > 255 || (p.length() > 1 && p.charAt(0) == '0'))
                throw new IllegalArgumentException("\"" + context + "\": part " + (i + 1) + " \"" + p + "\" of \"" + text
                        + "\" (expected: 0..255 without leading zeros)");
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    static String format(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address of " + bytes.length + " bytes (expected: 4 or 16)", e);
        }
    }
}
