package org.safegate.app;

import java.util.Map;
import java.util.Optional;
import org.safegate.admin.NodeControl.Since;
import org.safegate.journal.PushedEntry;
import org.safegate.journal.SourceEntries;
import org.safegate.policy.InvalidAddressException;
import org.safegate.policy.InvalidUrlException;
import org.safegate.policy.IpNetwork;
import org.safegate.policy.RuleMeta;
import org.safegate.policy.UrlCanonicalizer;
import org.safegate.policy.UrlList;
import org.safegate.policy.Verdict;

/**
 * Since when a pushed source's entry holds, from the journal: the time and sequence of the batch
 * that put it in force under its legal basis. The journal may be a batch ahead of the policy a
 * lookup read (journaled, compile under way): an entry missing there, or under another legal basis
 * than the verdict's, is not the one that decided, and gives nothing. Thread-safe: static.
 */
final class PushedSince {
    private PushedSince() {}

    /** The journal entry that decided {@code verdict} (a rule of {@code pushed}'s source), if it is still the one in force. */
    static Optional<Since> of(SourceEntries pushed, Verdict verdict) {
        RuleMeta rule = verdict.rule();
        Optional<PushedEntry> entry = entry(pushed.entries(), verdict);
        if (entry.isEmpty() || !rule.detail().legalBasis().equals(Optional.of(entry.get().legalBasis()))) return Optional.empty();
        return Optional.of(new Since(entry.get().since(), true, entry.get().sequence()));
    }

    /** The journal's entry for the matched name, URL expression or address (see {@code control.PushEntry} for its forms). */
    private static Optional<PushedEntry> entry(Map<String, PushedEntry> entries, Verdict verdict) {
        String matched = verdict.matchedName();
        if (matched.isEmpty()) return Optional.empty();      // a confidential URL: the verdict keeps no entry to look for
        if (verdict.matchedUrlEntry()) return url(entries, matched);
        if (verdict.matchedAddressEntry()) return network(entries, matched);
        return Optional.ofNullable(entries.get(matched));
    }

    /**
     * The pushed URLs listed under {@code expression} (as {@link UrlList#listedForm} spells it); the
     * earliest when several are (schemes and ports are not part of the expression).
     */
    private static Optional<PushedEntry> url(Map<String, PushedEntry> entries, String expression) {
        PushedEntry found = null;
        for (Map.Entry<String, PushedEntry> e : entries.entrySet()) {
            if (!e.getKey().contains("://")) continue;
            try {
                if (UrlList.listedForm(UrlCanonicalizer.canonicalize(e.getKey()).expression()).equals(expression))
                    found = earlier(found, e.getValue());
            } catch (InvalidUrlException skipped) {
                continue;             // not a URL any more (a journal of another version): the compile skipped it too
            }
        }
        return Optional.ofNullable(found);
    }

    /** The pushed networks holding {@code address}; the earliest when several do. */
    private static Optional<PushedEntry> network(Map<String, PushedEntry> entries, String address) {
        PushedEntry found = null;
        for (Map.Entry<String, PushedEntry> e : entries.entrySet()) {
            int slash = e.getKey().indexOf('/');
            if (slash < 0 || e.getKey().contains("://")) continue;
            try {
                if (IpNetwork.parseHolding(address + e.getKey().substring(slash)).toString().equals(e.getKey()))
                    found = earlier(found, e.getValue());
            } catch (InvalidAddressException otherFamily) {
                continue;             // an IPv6 prefix length on an IPv4 address, or the reverse: not this network
            }
        }
        return Optional.ofNullable(found);
    }

    private static PushedEntry earlier(PushedEntry a, PushedEntry b) {
        return a == null || b.since().isBefore(a.since()) ? b : a;
    }
}
