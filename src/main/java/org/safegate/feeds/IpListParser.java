package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import org.safegate.policy.Effect;
import org.safegate.policy.InvalidAddressException;
import org.safegate.policy.IpNetwork;

/**
 * An address list ({@code ips}): one IPv4 or IPv6 address or CIDR network a line
 * ({@code 192.0.2.7}, {@code 198.51.100.0/24}, {@code 2001:db8::/32}), {@code #} comments and blank
 * lines skipped, a comment may follow an entry. A network with host bits set ({@code 10.0.0.1/8}) is
 * a bad line, as in the config: it is more often a typo for a /32 than a way of writing 10.0.0.0/8.
 * Every entry takes the source's effect. Thread-safe: immutable.
 */
final class IpListParser implements ListParser {
    private final Effect effect;

    IpListParser(Effect effect) {
        this.effect = requireNonNull(effect, "effect");
    }

    @Override
    public ParseReport parse(String sourceName, InputStream in, boolean confidential) throws IOException {
        ReportBuilder report = new ReportBuilder(sourceName, confidential);
        long lines = LineReader.forEachLine(in, report, line -> parseLine(report, line));
        return report.build(lines);
    }

    private void parseLine(ReportBuilder report, LineReader line) {
        String entry = line.onlyField(report, "address", "one address or network per line");
        if (entry == null) return;
        try {
            report.addresses().add(IpNetwork.parse(entry), effect);
        } catch (InvalidAddressException e) {
            report.error(line.number(), "address", entry, e.getMessage());      // the reason never quotes the entry
        }
    }
}
