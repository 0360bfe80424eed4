package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.safegate.feeds.RegistryRecord.BlockType;
import org.safegate.policy.DomainList;
import org.safegate.policy.InvalidNameException;
import org.safegate.policy.LegalBasis;

/**
 * Assembles records from the raw attributes and values of either register form (XML or CSV), cleans
 * each value ({@link RegistryNormalizer}), reports what it drops, and counts what it keeps. A bad value
 * is dropped and the record kept; a record without id, without a valid decision, with an unknown
 * blockType, or with nothing left to apply, is rejected whole. Every message names the record id.
 *
 * <p>Not thread-safe: one per parse.
 */
final class RegistryRecordBuilder {
    private final ReportBuilder report;
    private boolean idOptional;
    private long records;
    private long rejected;
    private long domainCount;
    private long urlCount;
    private long ipCount;
    private long subnetCount;

    private long line;
    private String id;
    private String includeTime;
    private String entryType;
    private String blockTypeText;
    private BlockType blockType;
    private String hash;
    private LegalBasis decision;
    private String problem;
    private String problemField;
    private long problemAt;
    private final Set<String> domains = new LinkedHashSet<>();
    private final Set<String> urls = new LinkedHashSet<>();
    private final Set<String> ips = new LinkedHashSet<>();
    private final Set<String> subnets = new LinkedHashSet<>();

    RegistryRecordBuilder(ReportBuilder report) {
        this.report = requireNonNull(report, "report");
    }

    /** Starts a record; null attributes are absent ones. */
    void start(long line, String id, String includeTime, String entryType, String blockType, String hash) {
        this.line = line;
        this.id = id == null ? "" : id.trim();
        this.includeTime = includeTime == null ? "" : includeTime.trim();
        this.entryType = entryType;
        this.blockTypeText = blockType;
        this.blockType = blockType == null ? BlockType.DEFAULT : BlockType.fromAttribute(blockType.trim());
        this.hash = hash == null ? "" : hash.trim();
        this.decision = null;
        this.problem = null;
        this.problemField = "content";
        this.problemAt = line;
        domains.clear();
        urls.clear();
        ips.clear();
        subnets.clear();
    }

    /** The record's decision; a date that is present must be yyyy-MM-dd. */
    void decision(long at, String date, String number, String org) {
        LocalDate day = null;
        String text = date == null ? "" : date.trim();
        if (!text.isEmpty()) {
            try {
                day = LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                reject(at, "decision", text, "date is not a date (expected: yyyy-MM-dd)");
                return;
            }
        }
        decision = new LegalBasis(org == null ? "" : org.trim(), number == null ? "" : number.trim(), day);
    }

    /** One value element: {@code url}, {@code domain}, {@code ip}, {@code ipv6}, {@code ipSubnet} or {@code ipv6Subnet}. */
    void value(long at, String element, String raw) {
        String text = RegistryNormalizer.trim(raw);
        switch (element) {
            case "domain" -> domain(at, raw);
            case "url" -> url(at, text);
            case "ip", "ipv6" -> keep(at, element, text, RegistryNormalizer.ip(text), ips,
                    "not an IP address (expected: a.b.c.d or an IPv6 address)");
            case "ipSubnet", "ipv6Subnet" -> keep(at, element, text, RegistryNormalizer.subnet(text), subnets,
                    "not a subnet (expected: address/prefix)");
            default -> throw new IllegalArgumentException("element: " + element + " (expected: a value element)");
        }
    }

    private void domain(long at, String raw) {
        try {
            domains.add(RegistryNormalizer.domain(raw, blockType == BlockType.DOMAIN_MASK));
        } catch (InvalidNameException e) {
            String reason = e.getMessage();
            boolean quotesInput = reason.startsWith("not a valid internationalised");
            dropped(at, "domain", raw, report.confidential() || quotesInput ? ReportBuilder.contentFree(reason) : reason);
        }
    }

    private void url(long at, String text) {
        if (text.isEmpty()) {
            dropped(at, "url", null, "empty (expected: a URL)");
            return;
        }
        try {
            RegistryNormalizer.urlHost(text);
            urls.add(text);
        } catch (InvalidNameException e) {
            String reason = "host: " + e.getMessage();
            dropped(at, "url", text, report.confidential() ? "host is not a valid name" : reason);
        }
    }

    private void keep(long at, String field, String text, String clean, Set<String> into, String reason) {
        if (clean != null) {
            into.add(clean);
        } else {
            dropped(at, field, text, reason);
        }
    }

    /** Rejects a whole line of the CSV form that is no record at all. */
    void rejectLine(long at, String field, String reason) {
        rejected++;
        report.error(at, field, null, "record rejected: " + reason);
    }

    /** Ends the record: returns it, or null when it is rejected (and reported). */
    RegistryRecord finish() {
        if (problem == null) problem = recordProblem();
        if (problem != null) {
            rejected++;
            report.error(problemAt, problemField, null, problem + " (record " + shownId() + ")");
            return null;
        }
        records++;
        domainCount += domains.size();
        urlCount += urls.size();
        ipCount += ips.size();
        subnetCount += subnets.size();
        int type = entryType == null ? 0 : Integer.parseInt(entryType.trim());
        return new RegistryRecord(id, includeTime, type, blockType, hash, decision, List.copyOf(domains),
                List.copyOf(urls), List.copyOf(ips), List.copyOf(subnets));
    }

    private String recordProblem() {
        if (id.isEmpty() && !idOptional) return "record rejected: no id (expected: content/@id)";
        if (blockType == null)
            return "record rejected: blockType " + (report.confidential() ? "" : ReportBuilder.quote(blockTypeText) + " ")
                    + "unknown (expected: absent, domain, domain-mask or ip)";
        if (entryType != null && !entryType.trim().matches("[0-9]{1,9}"))
            return "record rejected: entryType is not a number";
        if (decision == null) return "record rejected: no decision (expected: a decision element with date, number, org)";
        boolean empty = switch (blockType) {
            case DEFAULT -> urls.isEmpty() && domains.isEmpty();
            case DOMAIN, DOMAIN_MASK -> domains.isEmpty();
            case IP -> ips.isEmpty() && subnets.isEmpty();
        };
        return empty ? "record rejected: nothing left to apply for blockType " + blockType.attribute() : null;
    }

    /** The CSV form has no ids: records are named by line there. */
    void idOptional(boolean optional) {
        this.idOptional = optional;
    }

    private String shownId() {
        return id.isEmpty() ? "at line " + line : id;
    }

    /** A problem that sinks the whole record: reported once, by {@link #finish}. */
    private void reject(long at, String field, String value, String reason) {
        if (problem != null) return;
        problem = "record rejected: " + (report.confidential() || value == null ? "" : ReportBuilder.quote(value) + ": ")
                + reason;
        problemField = field;
        problemAt = at;
    }

    private void dropped(long at, String field, String value, String reason) {
        report.error(at, field, value, reason + " (record " + shownId() + ")");
    }

    RegistryReport report(String updateTime, String formatVersion, long linesRead) {
        ParseReport errors = report.build(DomainList.empty(), linesRead);
        return new RegistryReport(updateTime, formatVersion, records, rejected, domainCount, urlCount, ipCount,
                subnetCount, errors.errors(), errors.errorCount(), linesRead);
    }
}
