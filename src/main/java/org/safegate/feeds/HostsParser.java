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
 * Parses hosts files: {@code ADDRESS name [name...] [# comment]}. Each name is an {@link Scope#EXACT}
 * rule, as a hosts file matches exact names only.
 *
 * <ul>
 *   <li>Fields are separated by spaces or tabs; a field starting with {@code #} starts a comment;
 *       blank lines, full-line comments and CRLF line ends are fine.</li>
 *   <li>The address must send the name nowhere ({@link HostTarget#BLOCKING}: 0.0.0.0, 0, 127/8, ::,
 *       ::1); any other address is an error in the field {@code address}.</li>
 *   <li>The operating system's own entries that lists copy into their first lines are skipped
 *       silently, neither rule nor error: names such as {@code localhost} or {@code broadcasthost}
 *       (see {@link #isLocalName}), whatever their address, and whole lines whose address is a
 *       {@link HostTarget#PREAMBLE} one ({@code 255.255.255.255}, {@code fe80::1%lo0}, {@code ff02::1}).</li>
 *   <li>A bad name is an error in the field {@code name}; the line's other names still count. A line
 *       is one error at most, so the error ratio counts bad lines, as the report says.</li>
 * </ul>
 *
 * <p>Thread-safe: immutable.
 */
final class HostsParser implements ListParser {
    /**
     * Host names of the operating system's own entries; blocking them would break the machine,
     * and a list that names them means its preamble, not a block. {@code 0.0.0.0} is here because
     * lists carry the line {@code 0.0.0.0 0.0.0.0}.
     */
    private static final String[] LOCAL_NAMES = {
        "localhost", "localhost.localdomain", "local", "broadcasthost", "ip6-localhost", "ip6-loopback",
        "ip6-localnet", "ip6-mcastprefix", "ip6-allnodes", "ip6-allrouters", "ip6-allhosts", "0.0.0.0"
    };

    private final Effect effect;

    /** @param effect the effect of every name listed: BLOCK for a blocklist, ALLOW for an allow-list */
    HostsParser(Effect effect) {
        this.effect = requireNonNull(effect, "effect");
    }

    @Override
    public ParseReport parse(String sourceName, InputStream in, boolean confidential) throws IOException {
        ReportBuilder report = new ReportBuilder(sourceName, confidential);
        long lines = LineReader.forEachLine(in, report, line -> parseLine(report, line, effect, true));
        return report.build(lines);
    }

    /**
     * Parses one hosts line into {@code report}. Shared with the adblock parser, which accepts hosts
     * lines: there ({@code foreignAddressIsError} false) a redirecting address is unsupported, not an error.
     */
    static void parseLine(ReportBuilder report, LineReader line, Effect effect, boolean foreignAddressIsError) {
        char[] c = line.chars();
        int end = line.end();
        int i = LineReader.skipSpace(c, line.start(), end);
        if (i == end || c[i] == '#') return;
        int addressEnd = LineReader.fieldEnd(c, i, end);
        HostTarget target = HostTarget.of(c, i, addressEnd);
        if (target == HostTarget.PREAMBLE) return;
        int names = LineReader.skipSpace(c, addressEnd, end);
        boolean hasNames = names < end && c[names] != '#';
        if (hasNames && !hasNonLocalName(c, names, end)) return;
        report.ruleLine();
        if (target != HostTarget.BLOCKING) {
            rejectAddress(report, line, new String(c, i, addressEnd - i), target, foreignAddressIsError);
        } else if (!hasNames) {
            report.error(line.number(), "name", null, "missing (expected: ADDRESS name [name...])");
        } else {
            addNames(report, line, names, effect);
        }
    }

    private static void rejectAddress(ReportBuilder report, LineReader line, String address, HostTarget target,
                                      boolean foreignAddressIsError) {
        if (target == HostTarget.OTHER_ADDRESS && !foreignAddressIsError) {
            report.unsupported();
        } else if (target == HostTarget.OTHER_ADDRESS) {
            report.error(line.number(), "address", address,
                    "redirects instead of blocking (expected: " + HostTarget.EXPECTED + ")");
        } else {
            report.error(line.number(), "address", address, "not an IP address (expected: " + HostTarget.EXPECTED + ")");
        }
    }

    private static void addNames(ReportBuilder report, LineReader line, int from, Effect effect) {
        char[] c = line.chars();
        int end = line.end();
        boolean reported = false;
        for (int i = from; i < end && c[i] != '#'; i = LineReader.skipSpace(c, i, end)) {
            int nameEnd = LineReader.fieldEnd(c, i, end);
            if (!isLocalName(c, i, nameEnd)) {
                String raw = new String(c, i, nameEnd - i);
                try {
                    report.add(DomainName.normalize(raw), Scope.EXACT, effect, RuleDetail.NONE);
                } catch (InvalidNameException e) {
                    if (!reported) report.badName(line.number(), "name", raw, e);
                    reported = true;
                }
            }
            i = nameEnd;
        }
    }

    private static boolean hasNonLocalName(char[] c, int from, int end) {
        for (int i = from; i < end && c[i] != '#'; i = LineReader.skipSpace(c, i, end)) {
            int nameEnd = LineReader.fieldEnd(c, i, end);
            if (!isLocalName(c, i, nameEnd)) return true;
            i = nameEnd;
        }
        return false;
    }

    /** True for the names of {@link #LOCAL_NAMES}, in any case. */
    static boolean isLocalName(char[] c, int start, int end) {
        int length = end - start;
        for (String local : LOCAL_NAMES) {
            if (local.length() == length && regionEqualsIgnoreCase(c, start, local)) return true;
        }
        return false;
    }

    private static boolean regionEqualsIgnoreCase(char[] c, int start, String lowerCase) {
        for (int k = 0; k < lowerCase.length(); k++) {
            char x = c[start + k];
            if (x >= 'A' && x <= 'Z') x = (char) (x + ('a' - 'A'));
            if (x != lowerCase.charAt(k)) return false;
        }
        return true;
    }
}
