package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import org.safegate.policy.Effect;
import org.safegate.policy.InvalidUrlException;
import org.safegate.policy.RuleDetail;
import org.safegate.policy.UrlCanonicalizer;

/**
 * A URL list, one entry a line, {@code #} comments and blank lines skipped:
 * <ul>
 *   <li>plain ({@code urls}): a URL with or without scheme ({@code host/a/b}, as squidGuard and UT1
 *       lists write them, or {@code http://host/a/b?q}), canonicalised by {@link UrlCanonicalizer};
 *       {@code host/a/b} covers {@code host/a/b} and everything below it, not {@code host/a/bc}
 *       (see {@code UrlList}). Only the hash is kept; the hosts are steered to the proxy.</li>
 *   <li>hashed ({@code url-hashes}): the hex SHA-256 of an entry's listed form
 *       ({@code UrlList.listedForm}), 64 hex digits a line, as an IWF-style confidential list may be
 *       delivered. Such a list names no host: it blocks requests that reach the proxy.</li>
 * </ul>
 * Every entry takes the source's effect. Thread-safe: immutable.
 */
final class UrlListParser implements ListParser {
    private static final int SHA256_HEX = 64;

    private final Effect effect;
    private final boolean hashed;

    UrlListParser(Effect effect, boolean hashed) {
        this.effect = requireNonNull(effect, "effect");
        this.hashed = hashed;
    }

    @Override
    public ParseReport parse(String sourceName, InputStream in, boolean confidential) throws IOException {
        ReportBuilder report = new ReportBuilder(sourceName, confidential);
        long lines = LineReader.forEachLine(in, report, line -> parseLine(report, line));
        return report.build(lines);
    }

    private void parseLine(ReportBuilder report, LineReader line) {
        String entry = line.onlyField(report, hashed ? "hash" : "url", "one entry per line");
        if (entry == null) return;
        if (hashed) addHash(report, line.number(), entry);
        else addUrl(report, line.number(), entry);
    }

    private void addUrl(ReportBuilder report, long line, String entry) {
        try {
            report.urls().add(UrlCanonicalizer.canonicalize(entry), effect, RuleDetail.NONE);
        } catch (InvalidUrlException e) {
            report.error(line, "url", entry, e.getMessage());         // the message never quotes the URL
        }
    }

    private static boolean isHexDigit(int ch) {
        return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
    }

    private void addHash(ReportBuilder report, long line, String entry) {
        if (entry.length() != SHA256_HEX || !entry.chars().allMatch(UrlListParser::isHexDigit)) {
            report.error(line, "hash", entry, entry.length() + " characters (expected: " + SHA256_HEX
                    + " hex digits of a SHA-256)");
            return;
        }
        report.urls().addHash(HexFormat.of().parseHex(entry), effect, RuleDetail.NONE);
    }
}
