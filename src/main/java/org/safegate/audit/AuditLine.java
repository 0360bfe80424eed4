package org.safegate.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One record as one line of JSON, written by hand so its bytes are fixed: the keys in this
 * order, no spaces, strings escaping only the quote, the backslash and control characters (as a
 * backslash, 'u' and four lower-case hex digits), times as {@link Instant#toString()}:
 * <pre>
 * {"seq":1,"time":"2026-11-23T10:15:30Z","actor":"reg-a","source":"urgent","action":"push","added":3,"removed":0,"entries":3,"policy":"v1:9f86…","prev":"00…","hash":"…"}
 * </pre>
 * The canonical bytes hashed are the same object up to {@code policy}, closed with '}'. A line
 * is read back strictly and re-encoded; one that differs in any byte is not canonical.
 * Thread-safe: stateless.
 */
final class AuditLine {
    private static final String[] KEYS = {"seq", "time", "actor", "source", "action", "added", "removed", "entries", "policy", "prev", "hash"};

    private AuditLine() {}

    /** The bytes the hash covers, without prev and hash. */
    static String canonical(long sequence, AuditEvent e) {
        StringBuilder out = new StringBuilder(200).append("{\"seq\":").append(sequence);
        string(out, "time", e.time().toString());
        string(out, "actor", e.actor());
        string(out, "source", e.source());
        string(out, "action", e.action().text());
        out.append(",\"added\":").append(e.added()).append(",\"removed\":").append(e.removed()).append(",\"entries\":").append(e.entries());
        string(out, "policy", e.policyVersion());
        return out.append('}').toString();
    }

    static String hash(String prevHash, String canonical) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(prevHash.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha256.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    static AuditRecord record(long sequence, AuditEvent event, String prevHash) {
        return new AuditRecord(sequence, event, prevHash, hash(prevHash, canonical(sequence, event)));
    }

    /** The line, without its newline. */
    static String encode(AuditRecord record) {
        String canonical = canonical(record.sequence(), record.event());
        StringBuilder out = new StringBuilder(canonical.length() + 150).append(canonical, 0, canonical.length() - 1);
        string(out, "prev", record.prevHash());
        string(out, "hash", record.hash());
        return out.append('}').toString();
    }

    private static void string(StringBuilder out, String key, String value) {
        out.append(",\"").append(key).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        out.append('"');
    }

    /** Reads a line back; throws unless it is exactly what {@link #encode} writes for its values. */
    static AuditRecord parse(String line) throws AuditLineException {
        Cursor in = new Cursor(line);
        String[] values = new String[KEYS.length];
        in.expect('{');
        for (int i = 0; i < KEYS.length; i++) {
            if (i > 0) in.expect(',');
            in.expect('"');
            in.expectText(KEYS[i]);
            in.expect('"');
            in.expect(':');
            values[i] = in.peek() == '"' ? in.string() : in.number();
        }
        in.expect('}');
        in.end();
        AuditRecord record = build(values);
        if (!encode(record).equals(line)) throw new AuditLineException("not in canonical form");
        return record;
    }

    private static AuditRecord build(String[] v) throws AuditLineException {
        AuditAction action = AuditAction.fromText(v[4]);
        if (action == null) throw new AuditLineException("action: \"" + v[4] + "\" is not an action");
        try {
            AuditEvent event = new AuditEvent(Instant.parse(v[1]), v[2], v[3], action, Long.parseLong(v[5]),
                    Long.parseLong(v[6]), Long.parseLong(v[7]), v[8]);
            return new AuditRecord(Long.parseLong(v[0]), event, v[9], v[10]);
        } catch (DateTimeException e) {
            throw new AuditLineException("time: \"" + v[1] + "\" is not an ISO-8601 instant");
        } catch (IllegalArgumentException e) {                    // NumberFormatException included
            throw new AuditLineException("a count or the sequence is not a non-negative number: " + e.getMessage());
        }
    }

    /** A strict reader of the one JSON shape above. */
    private static final class Cursor {
        private final String text;
        private int at;

        Cursor(String text) {
            this.text = text;
        }

        char peek() {
            return at < text.length() ? text.charAt(at) : '\0';
        }

        void expect(char c) throws AuditLineException {
            if (peek() != c) throw new AuditLineException("expected '" + c + "' at column " + (at + 1));
            at++;
        }

        void expectText(String word) throws AuditLineException {
            if (!text.startsWith(word, at)) throw new AuditLineException("expected key \"" + word + "\" at column " + (at + 1));
            at += word.length();
        }

        String number() throws AuditLineException {
            int start = at;
            while (peek() >= '0' && peek() <= '9') at++;
            if (at == start || at - start > 18) throw new AuditLineException("expected a number at column " + (start + 1));
            return text.substring(start, at);
        }

        String string() throws AuditLineException {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (peek() != '"') {
                char c = peek();
                if (c == '\0' && at >= text.length()) throw new AuditLineException("unterminated string");
                at++;
                if (c != '\\') {
                    value.append(c);
                } else if (peek() == 'u' && at + 5 <= text.length()) {
                    try {
                        value.append((char) Integer.parseInt(text.substring(at + 1, at + 5), 16));
                    } catch (NumberFormatException e) {
                        throw new AuditLineException("bad \\u escape at column " + at);
                    }
                    at += 5;
                } else {
                    value.append(peek());
                    at++;
                }
            }
            at++;
            return value.toString();
        }

        void end() throws AuditLineException {
            if (at != text.length()) throw new AuditLineException((text.length() - at) + " characters after the record");
        }
    }
}
