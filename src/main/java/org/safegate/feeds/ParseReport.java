package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.safegate.policy.AddressList;
import org.safegate.policy.DomainList;
import org.safegate.policy.UrlList;

/**
 * What one parse of one list produced. A bad line is an entry in {@code errors}, not an exception;
 * whether the version is good enough to use is judged by the caller ({@link #errorRatio()}).
 *
 * @param domains      the domain rules read
 * @param urls         the URL rules read (URL lists and registers; empty for the other formats)
 * @param addresses    the address and network rules read (address lists and registers' {@code ip} records)
 * @param errors       the first {@link #MAX_KEPT_ERRORS} bad lines (all are counted in {@code errorCount})
 * @param errorCount   number of bad lines
 * @param unsupported  lines of a valid syntax this resolver cannot apply (adblock cosmetic rules,
 *                     rules with a path, RPZ triggers other than QNAME): counted, not errors
 * @param linesRead    lines read, comments and blank lines included
 * @param ruleLines    lines that carried a rule (good, bad or unsupported): the base of the error ratio
 */
public record ParseReport(DomainList domains, UrlList urls, AddressList addresses, List<ParseError> errors, long errorCount,
                          long unsupported, long linesRead, long ruleLines) {
    /** Errors kept in full; a list with a million bad lines must not take a million objects. */
    public static final int MAX_KEPT_ERRORS = 1000;

    /** A report of domain rules only: every format but the URL lists and the registers. */
    public ParseReport(DomainList domains, List<ParseError> errors, long errorCount, long unsupported, long linesRead,
                       long ruleLines) {
        this(domains, UrlList.empty(), AddressList.empty(), errors, errorCount, unsupported, linesRead, ruleLines);
    }

    /** A report without address rules. */
    public ParseReport(DomainList domains, UrlList urls, List<ParseError> errors, long errorCount, long unsupported,
                       long linesRead, long ruleLines) {
        this(domains, urls, AddressList.empty(), errors, errorCount, unsupported, linesRead, ruleLines);
    }

    public ParseReport {
        requireNonNull(domains, "domains");
        requireNonNull(urls, "urls");
        requireNonNull(addresses, "addresses");
        errors = List.copyOf(errors);
    }

    /** Share of rule lines that were bad: 0 for an empty list. */
    public double errorRatio() {
        return ruleLines == 0 ? 0 : (double) errorCount / ruleLines;
    }
}
