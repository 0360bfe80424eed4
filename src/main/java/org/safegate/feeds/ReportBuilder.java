package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.safegate.policy.AddressList;
import org.safegate.policy.DomainList;
import org.safegate.policy.Effect;
import org.safegate.policy.InvalidNameException;
import org.safegate.policy.RuleDetail;
import org.safegate.policy.Scope;
import org.safegate.policy.UrlList;

/**
 * Collects what one parse finds (rules, bad lines, counts) and writes the error messages, so that
 * every parser words them alike and none can quote a confidential line by mistake.
 *
 * <p>Messages: {@code field: "value": reason (expected: ...)}; for a confidential source the value is
 * left out and the reason is one that cannot carry content.
 *
 * <p>Not thread-safe: one per parse.
 */
final class ReportBuilder {
    /** Longest value quoted in a message; enough to recognise the line, short enough for a log. */
    private static final int MAX_QUOTED = 100;

    private final String source;
    private final boolean confidential;
    private final DomainList.Builder domains = new DomainList.Builder();
    private final UrlList.Builder urls = new UrlList.Builder();
    private final AddressList.Builder addresses = new AddressList.Builder();
    private final List<ParseError> errors = new ArrayList<>();
    private long errorCount;
    private long unsupported;
    private long ruleLines;

    ReportBuilder(String source, boolean confidential) {
        this.source = requireNonNull(source, "source");
        this.confidential = confidential;
    }

    boolean confidential() {
        return confidential;
    }

    /** Counts a line that carries a rule, good, bad or unsupported: the base of the error ratio. */
    void ruleLine() {
        ruleLines++;
    }

    /** Counts a line of a valid syntax that this resolver cannot apply. */
    void unsupported() {
        unsupported++;
    }

    void add(String normalizedName, Scope scope, Effect effect, RuleDetail detail) {
        domains.add(normalizedName, scope, effect, detail);
    }

    /**
     * Reports a bad line. {@code reason} must not quote content; {@code value} (the offending text,
     * may be null) is quoted before it unless the source is confidential.
     */
    void error(long line, String field, String value, String reason) {
        String text = confidential || value == null ? reason : quote(value) + ": " + reason;
        keep(new ParseError(source, line, field, escapeInvisible(text)));
    }

    /** Reports a name {@code DomainName.normalize} rejected, with its reason. */
    void badName(long line, String field, String value, InvalidNameException e) {
        String reason = e.getMessage();
        error(line, field, value, confidential ? contentFree(reason) : withoutIdnaDetail(reason));
    }

    /** Reports a line cut at {@link LineReader#MAX_LINE}. */
    void lineTooLong(long line) {
        error(line, "line", null, "longer than " + LineReader.MAX_LINE + " characters (expected: at most "
                + LineReader.MAX_LINE + ")");
    }

    private void keep(ParseError error) {
        errorCount++;
        if (errors.size() < ParseReport.MAX_KEPT_ERRORS) errors.add(error);
    }

    DomainList.Builder domains() {
        return domains;
    }

    UrlList.Builder urls() {
        return urls;
    }

    AddressList.Builder addresses() {
        return addresses;
    }

    ParseReport build(long linesRead) {
        return build(domains.build(), linesRead);
    }

    ParseReport build(DomainList list, long linesRead) {
        return new ParseReport(list, urls.build(), addresses.build(), errors, errorCount, unsupported, linesRead, ruleLines);
    }

    /**
     * A {@code DomainName} reason without the one thing it may quote: the offending character, or the
     * text of an IDNA failure. The length and offset stay: they are useful and reveal nothing.
     */
    static String contentFree(String reason) {
        if (reason.startsWith("character ")) {
            int at = reason.indexOf(" at offset ");
            if (at > 0) return "character not allowed" + reason.substring(at);
        }
        if (reason.startsWith(IDNA_REASON)) return withoutIdnaDetail(reason);
        for (String safe : CONTENT_FREE_REASONS) {
            if (reason.startsWith(safe)) return reason;
        }
        return "not a valid domain name";
    }

    private static final String[] CONTENT_FREE_REASONS = {
        "empty name", "empty label at offset ", "name is ", "label of ", "the root is not"
    };

    private static final String IDNA_REASON = "not a valid internationalised name";

    /**
     * Java's IDNA failure text ends with the whole input, unescaped ("...found in the input" + name):
     * the name is already quoted before the reason, so keep the verdict only.
     */
    private static String withoutIdnaDetail(String reason) {
        return reason.startsWith(IDNA_REASON) ? IDNA_REASON + " (expected: a name IDNA 2003 accepts)" : reason;
    }

    /** {@code "value"} with quotes and backslashes escaped, cut to a readable length. */
    static String quote(String value) {
        StringBuilder sb = new StringBuilder(Math.min(value.length(), MAX_QUOTED) + 8).append('"');
        int n = Math.min(value.length(), MAX_QUOTED);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') sb.append('\\');
            sb.append(c);
        }
        if (value.length() > n) sb.append("...");
        return sb.append('"').toString();
    }

    /**
     * {@code text} with control, line-separator and format characters (zero-width, bidi overrides) as
     * Java escapes: a message goes to a log line, which a list must not be able to break or disguise.
     */
    static String escapeInvisible(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isInvisible(c)) {
                if (sb == null) sb = new StringBuilder(text.length() + 16).append(text, 0, i);
                sb.append(String.format("\\u%04X", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    private static boolean isInvisible(char c) {
        if (c < 0x80) return c < 0x20 || c == 0x7f;
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.FORMAT || type == Character.SURROGATE || type == Character.UNASSIGNED;
    }
}
