package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.safegate.policy.Effect;
import org.safegate.policy.InvalidAddressException;
import org.safegate.policy.InvalidNameException;
import org.safegate.policy.InvalidUrlException;
import org.safegate.policy.IpNetwork;
import org.safegate.policy.RuleDetail;
import org.safegate.policy.Scope;
import org.safegate.policy.UrlCanonicalizer;

/**
 * Turns register records into domain, URL and address rules, each carrying its decision as {@link RuleDetail#of} a
 * {@code LegalBasis}:
 *
 * <ul>
 *   <li>{@code domain}: each domain, {@link Scope#EXACT} {@link Effect#BLOCK}. The register lists the name
 *       to block; a subdomain it means is listed as its own record (or as a mask).</li>
 *   <li>{@code domain-mask} ({@code *.name}): {@link Scope#SUBTREE} BLOCK of the name under the mask. The
 *       operators' memo reads a mask as "the domain and all its subdomains", and operators are checked
 *       against the bare name too; SUBTREE is the reading that cannot under-block a legal order. (BELOW
 *       would follow the glob literally and leave {@code name} itself open.)</li>
 *   <li>absent ({@code default}, URL blocking): each URL's host, EXACT {@link Effect#STEER}: the host goes
 *       to the proxy, which blocks the listed URLs only: each URL is also a BLOCK entry of the URL index
 *       (canonicalised; a URL the canonicaliser refuses counts the record as unsupported once). A record
 *       without URLs steers its domains. URLs on an IP literal give no domain rule (DNS cannot steer
 *       them) but are still indexed for explicit proxy use.</li>
 *   <li>{@code ip}: each address and subnet, BLOCK, in the address index: DNS answers pointing into them
 *       are blocked and the proxy refuses to connect there. A subnet with host bits set is read as the
 *       subnet holding that address: the register means a subnet, and a legal order must not be
 *       under-blocked.</li>
 * </ul>
 *
 * <p>The addresses of {@code default} and {@code domain} records are not rules: the register lists
 * there where the name resolved when the record was made, and operators apply them only to {@code ip}
 * records. Blocking them would block every other site on a shared host or CDN address for one URL, the
 * collateral damage URL steering exists to avoid. They are counted ({@link RegistryReport#ips()}).
 *
 * <p>Each record is one rule line of the report. Not thread-safe: one per parse.
 */
final class RegistryRules implements Consumer<RegistryRecord> {
    /**
     * The report of a register parse. Its error ratio counts every problem, a rejected record or a
     * value dropped from a kept one, against the records applied plus those problems, so the ratio
     * stays within 0..1 and a dump full of bad values is rejected like a list full of bad lines.
     * Its lines are those of the file: an XML dump may hold every record on one line.
     */
    static ParseReport report(ReportBuilder report, long linesRead) {
        ParseReport applied = report.build(linesRead);
        return new ParseReport(applied.domains(), applied.urls(), applied.addresses(), applied.errors(), applied.errorCount(),
                applied.unsupported(), linesRead, applied.ruleLines() + applied.errorCount());
    }

    private final ReportBuilder report;

    RegistryRules(ReportBuilder report) {
        this.report = requireNonNull(report, "report");
    }

    @Override
    public void accept(RegistryRecord record) {
        report.ruleLine();
        RuleDetail detail = RuleDetail.of(record.decision());
        switch (record.blockType()) {
            case DOMAIN -> record.domains().forEach(d -> report.add(d, Scope.EXACT, Effect.BLOCK, detail));
            case DOMAIN_MASK -> record.domains().forEach(d -> report.add(d, Scope.SUBTREE, Effect.BLOCK, detail));
            case DEFAULT -> steer(record, detail);     // and each URL to the URL index
            case IP -> blockAddresses(record, detail);
        }
    }

    private void blockAddresses(RegistryRecord record, RuleDetail detail) {
        boolean allIndexed = true;
        for (String ip : record.ips()) allIndexed &= blockAddress(ip, false, detail);
        for (String subnet : record.subnets()) allIndexed &= blockAddress(subnet, true, detail);
        if (!allIndexed) report.unsupported();     // once per record, as for URLs
    }

    /** Kept by the register's checks; refused here only if the policy's stricter parser disagrees (counted by the caller). */
    private boolean blockAddress(String text, boolean subnet, RuleDetail detail) {
        try {
            report.addresses().add(subnet ? IpNetwork.parseHolding(text) : IpNetwork.parse(text), Effect.BLOCK, detail);
            return true;
        } catch (InvalidAddressException e) {
            return false;
        }
    }

    private void steer(RegistryRecord record, RuleDetail detail) {
        Set<String> hosts = new LinkedHashSet<>();
        if (record.urls().isEmpty()) {
            hosts.addAll(record.domains());
        } else {
            boolean allIndexed = true;
            for (String url : record.urls()) {
                String host = hostOf(url);
                if (host != null) hosts.add(host);
                allIndexed &= blockUrl(url, detail);
            }
            if (!allIndexed) report.unsupported();      // once per record: the record is its rule line
        }
        hosts.forEach(h -> report.add(h, Scope.EXACT, Effect.STEER, detail));
    }

    /** The URL itself goes to the URL index, blocked under the record's decision, for the proxy. */
    private boolean blockUrl(String url, RuleDetail detail) {
        try {
            report.urls().add(UrlCanonicalizer.canonicalize(url), Effect.BLOCK, detail);
            return true;
        } catch (InvalidUrlException e) {
            return false;              // kept by the register's checks, refused by the canonicaliser: counted by the caller
        }
    }

    private static String hostOf(String url) {
        try {
            return RegistryNormalizer.urlHost(url);
        } catch (InvalidNameException e) {
            // Cannot happen: RegistryRecordBuilder kept only URLs whose host passed this same check
            throw new IllegalStateException("url: host rejected after it was accepted", e);
        }
    }
}
