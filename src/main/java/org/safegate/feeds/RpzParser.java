package org.safegate.feeds;

import java.io.IOException;
import java.io.InputStream;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TTL;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Parses a DNS Response Policy Zone in master-file format: its QNAME triggers and their actions
 * (see {@link RpzRules} for which trigger and action become which rule).
 *
 * <p>Records are read by dnsjava's {@code Master}, one entry at a time ({@link ZoneTextReader},
 * {@link RecordFeed}): Master cannot go on after a bad line (its tokenizer stops inside it), and a
 * list with one bad record must still give all its good ones. Directives are applied here: {@code $ORIGIN},
 * {@code $TTL}; {@code $GENERATE} is unsupported; {@code $INCLUDE} is an error (a list is one file).
 *
 * <p>The zone's origin, to which triggers are relative, is the owner of the SOA when the zone starts
 * with one (as every RPZ does), else the {@code $ORIGIN} in force at the first record. A file with
 * relative names and no {@code $ORIGIN} (HaGeZi's: its server supplies the zone name) is read under
 * the stand-in origin {@code rpz.invalid.}; triggers are the same whatever the origin. Relative names
 * inside local data then end in that stand-in, as a server would append its own zone name.
 *
 * <p>Memory: each record is dropped once turned into a rule; only local data waits, as text, for its
 * owner's other records (real lists hold little or none).
 *
 * <p>Thread-safe: stateless; each parse has its own state.
 */
final class RpzParser implements ListParser {
    static final Name STAND_IN_ORIGIN = Name.fromConstantString("rpz.invalid.");

    @Override
    public ParseReport parse(String sourceName, InputStream in, boolean confidential) throws IOException {
        ReportBuilder report = new ReportBuilder(sourceName, confidential);
        ZoneTextReader entries = new ZoneTextReader(new LineReader(in), report);
        Zone zone = new Zone(report);
        while (entries.next()) {
            zone.read(entries);
        }
        zone.rules.addLocalData();
        return report.build(entries.linesRead());
    }

    /** The state of one parse: directives in force, the previous owner, and the rules so far. */
    private static final class Zone {
        private final ReportBuilder report;
        private final RpzRules rules;
        private final RecordFeed feed;
        private Name origin;
        private Name zoneOrigin;
        private long defaultTtl = -1;
        private long lastTtl = -1;
        private Name lastOwner;

        Zone(ReportBuilder report) {
            this.report = report;
            this.rules = new RpzRules(report);
            this.feed = new RecordFeed(report);
        }

        void read(ZoneTextReader entry) {
            String text = entry.text();
            if (!entry.implicitOwner() && text.charAt(0) == '$') {
                directive(text, entry.line());
                return;
            }
            if (entry.implicitOwner()) {
                if (lastOwner == null) {
                    report.ruleLine();
                    report.error(entry.line(), "owner", null,
                            "missing: the line starts with a blank and no good record precedes it (expected: an owner name)");
                    return;
                }
                text = lastOwner + text;
            }
            Record record = feed.parse(text, entry.lineCount(), entry.line(), base(), defaultTtl >= 0 ? defaultTtl : lastTtl);
            lastOwner = record == null ? null : record.getName();
            if (record == null) return;
            lastTtl = record.getTTL();
            if (zoneOrigin == null) zoneOrigin = record.getType() == Type.SOA ? record.getName() : base();
            rules.add(record, zoneOrigin, entry.line());
        }

        private Name base() {
            return origin != null ? origin : STAND_IN_ORIGIN;
        }

        private void directive(String text, long line) {
            char[] c = text.toCharArray();
            int nameEnd = LineReader.fieldEnd(c, 0, c.length);
            String name = text.substring(0, nameEnd);
            int argStart = LineReader.skipSpace(c, nameEnd, c.length);
            String arg = text.substring(argStart, LineReader.fieldEnd(c, argStart, c.length));
            if (name.equalsIgnoreCase("$ORIGIN") && !arg.isEmpty()) {
                try {
                    origin = Name.fromString(arg, origin != null ? origin : Name.root);
                    feed.reset();
                } catch (TextParseException e) {
                    badDirective(line, "$ORIGIN", arg, "not a domain name (expected: $ORIGIN name.)");
                }
            } else if (name.equalsIgnoreCase("$TTL") && !arg.isEmpty()) {
                try {
                    defaultTtl = TTL.parseTTL(arg);
                    feed.reset();
                } catch (IllegalArgumentException e) {  // NumberFormatException, or dnsjava's InvalidTTLException
                    badDirective(line, "$TTL", arg, "not a TTL (expected: seconds, or units such as 1h30m)");
                }
            } else if (name.equalsIgnoreCase("$GENERATE")) {
                report.ruleLine();
                report.unsupported();
            } else if (name.equalsIgnoreCase("$INCLUDE")) {
                badDirective(line, "directive", name, "not supported (expected: the whole zone in one file)");
            } else {
                badDirective(line, "directive", text, "unknown or missing its value (expected: $ORIGIN name or $TTL ttl)");
            }
        }

        private void badDirective(long line, String field, String value, String reason) {
            report.ruleLine();
            report.error(line, field, value, reason);
        }
    }
}
