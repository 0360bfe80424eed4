package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import org.safegate.policy.DomainList;
import org.safegate.policy.DomainName;
import org.safegate.policy.Effect;
import org.safegate.policy.InvalidNameException;
import org.safegate.policy.RuleDetail;
import org.safegate.policy.Scope;

/**
 * Parses adblock-style lists (Adblock Plus, uBlock Origin, AdGuard DNS filter) for what a resolver
 * can apply: rules on host names.
 *
 * <ul>
 *   <li>Comments: {@code !} lines, {@code [Adblock Plus 2.0]} headers, and {@code # } lines (the
 *       AdGuard DNS filter copies them verbatim from hosts sources).</li>
 *   <li>Host rules: see {@link AdblockPattern} for which patterns become which scope. A plain rule
 *       takes the source's effect; {@code @@} makes it an ALLOW exception.</li>
 *   <li>Hosts lines ({@code 0.0.0.0 name}), which AdGuard accepts: an EXACT rule per name, as in
 *       {@link HostsParser}; a redirecting address ({@code 1.2.3.4 name}) is unsupported.</li>
 *   <li>Options: {@code $important} (its browser priority over exceptions is not kept: within one
 *       source an exception still wins), {@code $all} (every request type: for DNS the plain rule),
 *       and {@code $badfilter}, which cancels the identical rule wherever it is in the list. Any
 *       other option ({@code $third-party}, {@code $domain=}, {@code $dnstype=}, {@code $client=}...)
 *       narrows the rule to requests a resolver cannot tell apart: unsupported.</li>
 *   <li>Unsupported, counted, never errors: cosmetic rules ({@code ##}, {@code #@#}, {@code #?#},
 *       {@code #$#}, {@code #%#}), HTML filters ({@code $$}), regular expressions {@code /.../}, and the
 *       URL patterns listed in {@link AdblockPattern}.</li>
 *   <li>Errors: only lines that look like host rules but carry a name {@code DomainName} rejects.</li>
 * </ul>
 *
 * <p>Thread-safe: immutable.
 */
final class AdblockParser implements ListParser {
    private final Effect effect;

    /** @param effect the effect of a rule without {@code @@}: BLOCK for a blocklist */
    AdblockParser(Effect effect) {
        this.effect = requireNonNull(effect, "effect");
    }

    @Override
    public ParseReport parse(String sourceName, InputStream in, boolean confidential) throws IOException {
        Run run = new Run(new ReportBuilder(sourceName, confidential));
        long lines = LineReader.forEachLine(in, run.report, run::line);
        DomainList list = run.report.domains().build();
        return run.report.build(run.cancelled.isEmpty() ? list : without(list, run.cancelled), lines);
    }

    /** One parse: its report, and the rules {@code $badfilter} cancelled, removed at the end. */
    private final class Run {
        private final ReportBuilder report;
        private final Set<String> cancelled = new HashSet<>();

        Run(ReportBuilder report) {
            this.report = report;
        }

        void line(LineReader line) {
            char[] c = line.chars();
            int s = LineReader.skipSpace(c, line.start(), line.end());
            int e = LineReader.trimEnd(c, s, line.end());
            if (s == e || isComment(c, s, e)) return;
            int firstEnd = LineReader.fieldEnd(c, s, e);
            if (firstEnd < e && HostTarget.of(c, s, firstEnd) != HostTarget.NOT_AN_ADDRESS) {
                HostsParser.parseLine(report, line, effect, false);
                return;
            }
            report.ruleLine();
            if (isCosmetic(c, s, e)) {
                report.unsupported();
            } else if (AdblockPattern.startsWith(c, s, e, "@@")) {
                networkRule(line, s + 2, e, Effect.ALLOW);
            } else {
                networkRule(line, s, e, effect);
            }
        }

        /** A rule on requests: {@code pattern[$options]}, the {@code @@} already taken off. */
        private void networkRule(LineReader line, int s, int e, Effect ruleEffect) {
            char[] c = line.chars();
            int dollar = indexOf(c, '$', s, e);
            int options = dollar < 0 ? NO_OPTIONS : readOptions(c, dollar + 1, e);
            // a leading '/' is a regular expression, or a path pattern such as /ads/
            boolean unsupported = options == UNSUPPORTED_OPTION || (s < e && c[s] == '/');
            AdblockPattern pattern = unsupported ? AdblockPattern.UNSUPPORTED : AdblockPattern.of(c, s, dollar < 0 ? e : dollar);
            if (pattern == AdblockPattern.UNSUPPORTED) {
                report.unsupported();
                return;
            }
            try {
                String name = DomainName.normalize(pattern.name());
                if (options == BADFILTER) cancelled.add(key(name, pattern.scope(), ruleEffect));
                else report.add(name, pattern.scope(), ruleEffect, RuleDetail.NONE);
            } catch (InvalidNameException ex) {
                report.badName(line.number(), "name", pattern.name(), ex);
            }
        }
    }

    private static final int NO_OPTIONS = 0;
    private static final int BADFILTER = 1;
    private static final int UNSUPPORTED_OPTION = 2;

    /** Reads {@code important,badfilter,...}: BADFILTER, NO_OPTIONS (only harmless ones) or UNSUPPORTED_OPTION. */
    private static int readOptions(char[] c, int s, int e) {
        int result = NO_OPTIONS;
        while (true) {
            int comma = indexOf(c, ',', s, e);
            int optionEnd = comma < 0 ? e : comma;
            if (isOption(c, s, optionEnd, "badfilter")) result = BADFILTER;
            else if (!isOption(c, s, optionEnd, "important") && !isOption(c, s, optionEnd, "all")) return UNSUPPORTED_OPTION;
            if (comma < 0) return result;
            s = comma + 1;
        }
    }

    private static boolean isOption(char[] c, int s, int e, String name) {
        return e - s == name.length() && String.valueOf(c, s, e - s).equalsIgnoreCase(name);
    }

    /** {@code !} comments, {@code [Adblock Plus 2.0]} headers, and {@code #} comments that are not cosmetic rules. */
    private static boolean isComment(char[] c, int s, int e) {
        char first = c[s];
        if (first == '!') return true;
        if (first == '[') return c[e - 1] == ']';
        return first == '#' && !(e - s > 1 && isCosmeticMarker(c[s + 1]));
    }

    /** {@code ##}, {@code #@#}, {@code #?#}, {@code #$#}, {@code #%#} (and their {@code #@} forms) anywhere. */
    private static boolean isCosmetic(char[] c, int s, int e) {
        for (int i = s; i < e - 1; i++) {
            if (c[i] == '#' && isCosmeticMarker(c[i + 1])) return true;
        }
        return false;
    }

    private static boolean isCosmeticMarker(char c) {
        return c == '#' || c == '@' || c == '?' || c == '$' || c == '%';
    }

    private static int indexOf(char[] c, char wanted, int s, int e) {
        for (int i = s; i < e; i++) {
            if (c[i] == wanted) return i;
        }
        return -1;
    }

    private static String key(String name, Scope scope, Effect effect) {
        return scope.ordinal() + "" + effect.ordinal() + name;
    }

    /** {@code list} without the rules a {@code $badfilter} cancelled. */
    private static DomainList without(DomainList list, Set<String> cancelled) {
        DomainList.Builder kept = new DomainList.Builder();
        for (int i = 0; i < list.size(); i++) {
            String name = list.name(i);
            if (!cancelled.contains(key(name, list.scope(i), list.effect(i))))
                kept.add(name, list.scope(i), list.effect(i), list.detail(i));
        }
        return kept.build();
    }
}
