package org.safegate.policy;

import java.net.IDN;

/**
 * The one normalisation of domain names used everywhere (lists, queries, lookups), so that a
 * name matches however it was spelled.
 *
 * <p>Rules, in order:
 * <ul>
 *   <li>surrounding whitespace is an error, not trimmed: callers split their own lines;</li>
 *   <li>one trailing dot (the root) is dropped: {@code "Example.COM."} → {@code "example.com"};</li>
 *   <li>ASCII is lower-cased; a name with non-ASCII letters is converted label by label to
 *       punycode (IDNA 2003, {@link IDN#toASCII}): {@code "bücher.example"} →
 *       {@code "xn--bcher-kva.example"};</li>
 *   <li>each label is 1–63 octets, the whole name at most 253; empty labels ({@code "a..b"}) are
 *       rejected;</li>
 *   <li>a label holds letters, digits, {@code '-'} and {@code '_'}. Underscores and leading or
 *       trailing hyphens are accepted although they are not host names (RFC 952): they occur in
 *       real DNS ({@code _dmarc}, {@code cgi-trial-.net...}) and in real blocklists, and a list
 *       that names them means to block them. Anything else ({@code '*'}, spaces, {@code '/'},
 *       {@code ':'}) is rejected with the reason.</li>
 * </ul>
 *
 * <p>Thread-safe: static and stateless.
 */
public final class DomainName {
    public static final int MAX_LENGTH = 253;
    public static final int MAX_LABEL_LENGTH = 63;

    private DomainName() {}

    /**
     * Returns the normal form of {@code raw}.
     *
     * @throws InvalidNameException with the reason, when {@code raw} is not a usable name
     */
    public static String normalize(String raw) throws InvalidNameException {
        if (raw == null || raw.isEmpty()) throw new InvalidNameException("empty name");
        String name = raw;
        if (name.endsWith(".")) {
            if (name.length() == 1) throw new InvalidNameException("the root is not a blockable name");
            name = name.substring(0, name.length() - 1);
        }
        if (isPlainAscii(name)) {
            name = lowerAscii(name);
        } else {
            name = toPunycode(name);
        }
        String problem = checkSyntax(name);
        if (problem != null) throw new InvalidNameException(problem);
        return name;
    }

    /** Like {@link #normalize} but returns {@code null} instead of throwing; for hot paths. */
    public static String normalizeOrNull(String raw) {
        try {
            return normalize(raw);
        } catch (InvalidNameException e) {
            return null;
        }
    }

    /**
     * Returns null when {@code name} (already lower-case ASCII, no trailing dot) is well formed,
     * else the reason it is not.
     */
    static String checkSyntax(String name) {
        int length = name.length();
        if (length == 0) return "empty name";
        if (length > MAX_LENGTH) return "name is " + length + " characters long (expected: at most " + MAX_LENGTH + ")";
        int labelStart = 0;
        for (int i = 0; i <= length; i++) {
            char c = i == length ? '.' : name.charAt(i);
            if (c == '.') {
                int labelLength = i - labelStart;
                if (labelLength == 0) return "empty label at offset " + i;
                if (labelLength > MAX_LABEL_LENGTH)
                    return "label of " + labelLength + " characters (expected: at most " + MAX_LABEL_LENGTH + ")";
                labelStart = i + 1;
            } else if (!isLabelChar(c)) {
                return "character " + describe(c) + " at offset " + i + " (expected: letters, digits, '-', '_' or '.')";
            }
        }
        return null;
    }

    private static boolean isLabelChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    private static String describe(char c) {
        if (c >= 0x21 && c < 0x7f) return "'" + c + "'";
        return String.format("U+%04X", (int) c);
    }

    private static boolean isPlainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) return false;
        }
        return true;
    }

    private static String lowerAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') return lowerFrom(s, i);
        }
        return s;
    }

    private static String lowerFrom(String s, int first) {
        char[] chars = s.toCharArray();
        for (int i = first; i < chars.length; i++) {
            char c = chars[i];
            if (c >= 'A' && c <= 'Z') chars[i] = (char) (c + ('a' - 'A'));
        }
        return new String(chars);
    }

    private static String toPunycode(String name) throws InvalidNameException {
        try {
            // ALLOW_UNASSIGNED off, USE_STD3_ASCII_RULES off: our own syntax check follows
            return lowerAscii(IDN.toASCII(name));
        } catch (IllegalArgumentException e) {
            // not e.getMessage(): it quotes the label, and the name may come from a confidential list
            throw new InvalidNameException("not a valid internationalised name (IDNA 2003 rejects one of its labels)");
        }
    }

    /** True when {@code name} equals {@code ancestor} or lies below it; both normalised. */
    public static boolean isSameOrBelow(String name, String ancestor) {
        if (name.length() == ancestor.length()) return name.equals(ancestor);
        return name.length() > ancestor.length()
                && name.endsWith(ancestor)
                && name.charAt(name.length() - ancestor.length() - 1) == '.';
    }
}
