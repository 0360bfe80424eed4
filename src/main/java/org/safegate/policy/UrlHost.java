package org.safegate.policy;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The host rules of {@link UrlCanonicalizer}. Input is the host after percent-unescaping, one
 * char per byte (ISO-8859-1), port and user info already cut off.
 *
 * <p>Thread-safe: static and stateless.
 */
final class UrlHost {
    private UrlHost() {}

    static String canonicalize(String rawBytes) throws InvalidUrlException {
        String host = collapseDots(rawBytes);
        if (host.isEmpty()) throw new InvalidUrlException("host", "empty");
        if (host.charAt(0) == '[') return UrlIpv6.canonicalize(host);
        int lastLabel = host.lastIndexOf('.') + 1;
        if (endsInNumber(host, lastLabel)) return ipv4(host);
        try {
            return DomainName.normalize(utf8(host));
        } catch (InvalidNameException e) {
            throw new InvalidUrlException("host", "not a domain name or IP address (" + contentFree(e.getMessage()) + ")");
        }
    }

    /**
     * DomainName's reason without the host's text: it quotes the offending character, and Java's
     * IDNA failure text ends with the whole label, while the URL may be confidential.
     */
    private static String contentFree(String reason) {
        if (reason.startsWith("character ") && reason.contains(" at offset "))
            return "character not allowed" + reason.substring(reason.indexOf(" at offset "), reason.indexOf(" (expected"));
        if (reason.startsWith("not a valid internationalised name")) return "not a valid internationalised name";
        for (String safe : CONTENT_FREE_REASONS) {
            if (reason.startsWith(safe)) return reason;
        }
        return "not a valid domain name";
    }

    private static final String[] CONTENT_FREE_REASONS = {"empty label at offset ", "name is ", "label of "};

    /** {@code "..a...b.."} → {@code "a.b"}: Safe Browsing strips and collapses dots. */
    private static String collapseDots(String host) {
        StringBuilder out = new StringBuilder(host.length());
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '.' && (out.length() == 0 || out.charAt(out.length() - 1) == '.')) continue;
            out.append(c);
        }
        int end = out.length();
        if (end > 0 && out.charAt(end - 1) == '.') out.setLength(end - 1);
        return out.toString();
    }

    /**
     * A host whose last label is a number is an IPv4 address as inet_aton(3) and the WHATWG URL
     * standard read it, or nothing: one to four parts, each decimal, octal (leading 0) or hex
     * (0x); the last fills the remaining bytes. {@code "3279880203"} → {@code "195.127.0.11"},
     * {@code "0x7f.1"} → {@code "127.0.0.1"}, {@code "0300.0250.0.1"} → {@code "192.168.0.1"}.
     */
    private static String ipv4(String host) throws InvalidUrlException {
        long[] parts = new long[4];
        int count = 0;
        int start = 0;
        for (int i = 0; i <= host.length(); i++) {
            if (i < host.length() && host.charAt(i) != '.') continue;
            if (count == 4) throw new InvalidUrlException("host", "an IPv4 address has at most 4 parts");
            long value = ipv4Part(host, start, i);
            if (value < 0) throw new InvalidUrlException("host", "not a valid IPv4 address (a part is not a number)");
            parts[count++] = value;
            start = i + 1;
        }
        long address = 0;
        for (int i = 0; i < count - 1; i++) {
            if (parts[i] > 255) throw new InvalidUrlException("host", "IPv4 part " + (i + 1) + " is over 255");
            address = address << 8 | parts[i];
        }
        int lastBits = 8 * (5 - count);
        if (parts[count - 1] >= 1L << lastBits)
            throw new InvalidUrlException("host", "IPv4 address out of range");
        address = address << lastBits | parts[count - 1];
        return (address >>> 24) + "." + (address >>> 16 & 255) + "." + (address >>> 8 & 255) + "." + (address & 255);
    }

    /** WHATWG's "ends in a number": all digits ({@code "08"} too), or a hex or octal number. */
    private static boolean endsInNumber(String host, int lastLabel) {
        if (ipv4Part(host, lastLabel, host.length()) >= 0) return true;
        for (int i = lastLabel; i < host.length(); i++) {
            if (host.charAt(i) < '0' || host.charAt(i) > '9') return false;
        }
        return true;
    }

    /** The value of {@code host[from, to)} as a C number, or -1 when it is none (or too large). */
    static long ipv4Part(String host, int from, int to) {
        int radix = 10;
        if (to - from >= 2 && host.charAt(from) == '0' && (host.charAt(from + 1) | 0x20) == 'x') {
            radix = 16;
            from += 2;
        } else if (to - from >= 2 && host.charAt(from) == '0') {
            radix = 8;
            from++;
        } else if (to == from) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = Character.digit(host.charAt(i), radix);
            if (digit < 0 || host.charAt(i) > 'f') return -1;
            value = value * radix + digit;
            if (value > 0xFFFF_FFFFL) return Long.MAX_VALUE; // a number, but no address
        }
        return value;
    }

    /** Non-ASCII bytes are UTF-8 (what a browser sends); IDN conversion happens in DomainName. */
    private static String utf8(String bytes) throws InvalidUrlException {
        byte[] raw = bytes.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidUrlException("host", "not valid UTF-8");
        }
    }
}
