package org.safegate.dns;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.xbill.DNS.Name;

/**
 * A DNS name as the text the policy and the cache look up: lower case, no trailing dot, the root
 * as {@code ""}. Names of letters, digits, '-' and '_' (all a policy can list) are read straight
 * from the wire with one allocation; anything else takes dnsjava's escaped presentation form,
 * which can match no policy entry but still keys the cache apart. Thread-safe: static, stateless.
 */
final class NameText {
    private NameText() {}

    /** The normal form of {@code name}. */
    static String normalized(Name name) {
        if (name.labels() <= 1) return "";
        return name.toString(true).toLowerCase(Locale.ROOT);
    }

    /**
     * Reads the uncompressed name at {@code offset} of {@code wire} (a question name), or returns
     * null when it holds a compression pointer, a byte outside {@code [A-Za-z0-9_-]}, or runs off
     * the end: then the caller uses {@link #normalized(Name)}.
     */
    static String normalized(byte[] wire, int offset) {
        int p = offset;
        int length = 0;
        while (p < wire.length) {
            int label = wire[p] & 0xff;
            if (label == 0) break;
            if (label > 63 || p + 1 + label > wire.length) return null;
            length += label + (length == 0 ? 0 : 1);
            p += 1 + label;
        }
        if (p >= wire.length) return null;
        byte[] text = new byte[length];
        int t = 0;
        for (int q = offset; q < p; ) {
            int label = wire[q++];
            if (t > 0) text[t++] = '.';
            for (int end = q + label; q < end; q++) {
                int c = wire[q];
                if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
                else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return null;
                text[t++] = (byte) c;
            }
        }
        return new String(text, StandardCharsets.ISO_8859_1);
    }
}
