package org.safegate.feeds;

import org.safegate.policy.Scope;

/**
 * What the pattern of an adblock network rule (the part before {@code $options}, after {@code @@})
 * means for DNS: a host name and a {@link Scope}, or {@link #UNSUPPORTED} when the pattern matches
 * something a resolver cannot see or cannot express.
 *
 * <table>
 *   <caption>Patterns</caption>
 *   <tr><th>pattern</th><th>meaning</th><th>scope</th></tr>
 *   <tr><td>{@code ||name^}, {@code ||name^|}, {@code ||name|}, {@code ||name}</td><td>name and below</td><td>SUBTREE</td></tr>
 *   <tr><td>{@code ||*.name^}</td><td>only below name</td><td>BELOW</td></tr>
 *   <tr><td>{@code .name^} (unanchored; {@code ^} cannot match a dot)</td><td>only below name</td><td>BELOW</td></tr>
 *   <tr><td>{@code |name^}, {@code |name^|}</td><td>the host name itself</td><td>EXACT</td></tr>
 *   <tr><td>{@code name} (AdGuard's "simple domain rule": a bare host name with a dot)</td><td>name only</td><td>EXACT</td></tr>
 * </table>
 *
 * <p>Unsupported: a wildcard {@code *} anywhere else, a path or port ({@code /}, {@code :}), any other
 * URL character ({@code ? = & %}...), a name ending in a dot ({@code ||ads.} matches every TLD), an IPv4
 * address (AdGuard matches those against answers, not names), an unanchored {@code name^} (matches
 * {@code xname} too), a bare word without a dot, or one starting with {@code - . _} (browser substring
 * patterns such as {@code -ad-banner-}). {@code ||name} without {@code ^} also matches {@code name.evil} in
 * a browser; we take its domain meaning, which blocks less, never more.
 *
 * @param name  the host name as written (not yet normalised; may be empty: the caller reports that)
 * @param scope which names the rule covers
 */
record AdblockPattern(String name, Scope scope) {
    static final AdblockPattern UNSUPPORTED = new AdblockPattern("<unsupported>", Scope.EXACT);

    /** Reads the pattern {@code c[start, end)}. */
    static AdblockPattern of(char[] c, int start, int end) {
        Scope scope;
        boolean bare = false;
        boolean dotted = false;
        int s = start;
        if (startsWith(c, s, end, "||*.")) {
            scope = Scope.BELOW;
            s += 4;
        } else if (startsWith(c, s, end, "||")) {
            scope = Scope.SUBTREE;
            s += 2;
        } else if (startsWith(c, s, end, "|")) {
            scope = Scope.EXACT;
            s += 1;
        } else if (startsWith(c, s, end, ".")) {
            scope = Scope.BELOW;
            dotted = true;
            s += 1;
        } else {
            scope = Scope.EXACT;
            bare = true;
        }
        int e = end;
        boolean separator = false;
        if (e - s >= 2 && c[e - 2] == '^' && c[e - 1] == '|') {
            e -= 2;
            separator = true;
        } else if (e > s && (c[e - 1] == '^' || c[e - 1] == '|')) {
            e -= 1;
            separator = true;
        }
        if (e == s) return bare ? UNSUPPORTED : new AdblockPattern("", scope);
        if (hasUrlCharacter(c, s, e) || c[e - 1] == '.' || isIpv4(c, s, e)) return UNSUPPORTED;
        if (dotted && !separator) return UNSUPPORTED;
        if (bare && (separator || !isBareHostName(c, s, e))) return UNSUPPORTED;
        return new AdblockPattern(new String(c, s, e - s), scope);
    }

    /**
     * True when {@code c[s, e)} holds an ASCII character that cannot be in a host name and so belongs
     * to a URL pattern ({@code * / : ? = & % ^ |}...). Whitespace, control characters and non-ASCII
     * are left for {@code DomainName} to judge, so a line that looks like a host rule with a bad
     * name is an error, not an unsupported rule.
     */
    private static boolean hasUrlCharacter(char[] c, int s, int e) {
        for (int i = s; i < e; i++) {
            char ch = c[i];
            if (ch > ' ' && ch < 0x7f && !isNameChar(ch)) return true;
        }
        return false;
    }

    private static boolean isNameChar(char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
                || ch == '-' || ch == '_' || ch == '.';
    }

    private static boolean isBareHostName(char[] c, int s, int e) {
        char first = c[s];
        if (first == '-' || first == '.' || first == '_') return false;
        for (int i = s; i < e; i++) {
            if (c[i] == '.') return true;
        }
        return false;
    }

    private static boolean isIpv4(char[] c, int s, int e) {
        int dots = 0;
        for (int i = s; i < e; i++) {
            char ch = c[i];
            if (ch == '.') dots++;
            else if (ch < '0' || ch > '9') return false;
        }
        return dots == 3;
    }

    static boolean startsWith(char[] c, int s, int end, String prefix) {
        if (end - s < prefix.length()) return false;
        for (int k = 0; k < prefix.length(); k++) {
            if (c[s + k] != prefix.charAt(k)) return false;
        }
        return true;
    }
}
