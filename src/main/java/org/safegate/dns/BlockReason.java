package org.safegate.dns;

import java.nio.charset.StandardCharsets;
import org.safegate.policy.Mandate;
import org.safegate.policy.RuleMeta;
import org.safegate.policy.SourceMeta;
import org.xbill.DNS.ExtendedErrorCodeOption;

/**
 * The Extended DNS Error (RFC 8914) a block answer carries for one rule, in both forms:
 * <ul>
 *   <li>plain text for people, {@code "source registry; category court-order; basis Authority,
 *       decision 12, 2024-01-02; contact mailto:abuse@isp.example"};</li>
 *   <li>the JSON of draft-ietf-dnsop-structured-dns-error (section "I-JSON in EXTRA-TEXT Field"),
 *       for clients that signal it with an empty EDE option: {@code {"j":"<justification>",
 *       "o":"<source>","c":["<contact URI>"]}}. The draft makes "c" and "j" mandatory, so without an
 *       operator contact there is no JSON form and such clients get the plain text too.</li>
 * </ul>
 * Neither ever names the matched entry or the queried name: a confidential list must not be
 * readable through its answers, and the others need not be. Immutable.
 */
final class BlockReason {
    /** Long texts could push the answer itself past a 512-byte client's limit. */
    static final int MAX_TEXT_BYTES = 255;

    private final ExtendedErrorCodeOption plain;
    private final ExtendedErrorCodeOption json;

    private BlockReason(ExtendedErrorCodeOption plain, ExtendedErrorCodeOption json) {
        this.plain = plain;
        this.json = json;
    }

    static BlockReason of(RuleMeta rule, String contact) {
        SourceMeta source = rule.source();
        int code = code(source.mandate());
        String basis = rule.detail().legalBasis().map(b -> b.describe()).orElse("");
        StringBuilder text = new StringBuilder("source ").append(source.id()).append("; category ").append(source.category());
        if (!basis.isEmpty()) text.append("; basis ").append(basis);
        if (!contact.isEmpty()) text.append("; contact ").append(contact);
        ExtendedErrorCodeOption plain = new ExtendedErrorCodeOption(code, cut(text.toString()));
        ExtendedErrorCodeOption json = null;
        if (!contact.isEmpty()) {
            String justification = basis.isEmpty() ? source.category() : source.category() + "; " + basis;
            String structured = "{\"j\":" + quote(justification) + ",\"o\":" + quote(source.id())
                    + ",\"c\":[" + quote(contactUri(contact)) + "]}";
            // JSON cut short is no JSON: such a client gets the plain text instead
            if (structured.getBytes(StandardCharsets.UTF_8).length <= MAX_TEXT_BYTES) json = new ExtendedErrorCodeOption(code, structured);
        }
        return new BlockReason(plain, json);
    }

    /** The option for a client: JSON when it asked for it and we have it. */
    ExtendedErrorCodeOption option(boolean structured) {
        return structured && json != null ? json : plain;
    }

    /** RFC 8914's three filtering codes mean different things; the mandate says which one is true. */
    static int code(Mandate mandate) {
        return switch (mandate) {
            // 16 "Censored": another entity (regulator, court) requires it, not us
            case LEGAL_ORDER -> ExtendedErrorCodeOption.CENSORED;
            // 15 "Blocked": the operator's own policy
            case OPERATOR_POLICY -> ExtendedErrorCodeOption.BLOCKED;
            // 17 "Filtered": the client (or its owner) asked for this filtering
            case CLIENT_CHOICE -> ExtendedErrorCodeOption.FILTERED;
        };
    }

    /** The draft wants URIs in "c"; an operator who wrote a bare e-mail address means mailto. */
    static String contactUri(String contact) {
        if (contact.indexOf(':') < 0 && contact.indexOf('@') > 0) return "mailto:" + contact;
        return contact;
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Cuts to {@link #MAX_TEXT_BYTES} of UTF-8 without splitting a character. */
    static String cut(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_TEXT_BYTES) return text;
        int end = MAX_TEXT_BYTES;
        while (end > 0 && (bytes[end] & 0xc0) == 0x80) end--;   // step back to a character's first byte
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
