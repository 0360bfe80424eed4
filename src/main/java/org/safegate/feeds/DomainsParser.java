package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import org.safegate.policy.DomainName;
import org.safegate.policy.Effect;
import org.safegate.policy.InvalidNameException;
import org.safegate.policy.RuleDetail;
import org.safegate.policy.Scope;

/**
 * Parses plain domain lists: one name per line.
 *
 * <ul>
 *   <li>{@code name} is a {@link Scope#SUBTREE} rule: the name and every name below it. That is
 *       what published "domains" lists mean (HaGeZi's header: "Domains (without subdomains)",
 *       its subdomains having been folded into the parent).</li>
 *   <li>{@code *.name} is a {@link Scope#BELOW} rule: only the names below.</li>
 *   <li>{@code #} and {@code !} start comments, on a line of their own or after whitespace
 *       ({@code name # why}); blank lines and CRLF line ends are fine.</li>
 *   <li>Anything else after the name is an error in the field {@code name} (a hosts line in a
 *       domains list, two names on a line), as is a name {@code DomainName} rejects.</li>
 * </ul>
 *
 * <p>Thread-safe: immutable.
 */
final class DomainsParser implements ListParser {
    private final Effect effect;

    /** @param effect the effect of every name listed: BLOCK for a blocklist, ALLOW for an allow-list */
    DomainsParser(Effect effect) {
        this.effect = requireNonNull(effect, "effect");
    }

    @Override
    public ParseReport parse(String sourceName, InputStream in, boolean confidential) throws IOException {
        ReportBuilder report = new ReportBuilder(sourceName, confidential);
        long lines = LineReader.forEachLine(in, report, line -> parseLine(report, line));
        return report.build(lines);
    }

    private void parseLine(ReportBuilder report, LineReader line) {
        char[] c = line.chars();
        int end = line.end();
        int i = LineReader.skipSpace(c, line.start(), end);
        if (i == end || isComment(c[i])) return;
        report.ruleLine();
        int nameEnd = LineReader.fieldEnd(c, i, end);
        int rest = LineReader.skipSpace(c, nameEnd, end);
        if (rest < end && !isComment(c[rest])) {
            String text = new String(c, i, LineReader.trimEnd(c, i, end) - i);
            report.error(line.number(), "name", text, "more than one field (expected: one name per line)");
            return;
        }
        Scope scope = Scope.SUBTREE;
        if (nameEnd - i > 2 && c[i] == '*' && c[i + 1] == '.') {
            scope = Scope.BELOW;
            i += 2;
        }
        String raw = new String(c, i, nameEnd - i);
        try {
            report.add(DomainName.normalize(raw), scope, effect, RuleDetail.NONE);
        } catch (InvalidNameException e) {
            report.badName(line.number(), "name", raw, e);
        }
    }

    private static boolean isComment(char c) {
        return c == '#' || c == '!';
    }
}
