package org.safegate.control;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import org.safegate.config.SourceSettings;
import org.safegate.feeds.PushedList;
import org.safegate.feeds.PushedLists;
import org.safegate.journal.Journal;
import org.safegate.journal.PushedEntry;
import org.safegate.journal.SourceEntries;
import org.safegate.policy.AddressList;
import org.safegate.policy.DomainList;
import org.safegate.policy.Effect;
import org.safegate.policy.InvalidAddressException;
import org.safegate.policy.InvalidUrlException;
import org.safegate.policy.IpNetwork;
import org.safegate.policy.RuleDetail;
import org.safegate.policy.Scope;
import org.safegate.policy.UrlCanonicalizer;
import org.safegate.policy.UrlList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a pushed source from the journal's state, each entry with its own legal basis:
 * <ul>
 *   <li>a domain blocks the domain and every name below it ({@link Scope#SUBTREE}), as a
 *       {@code domains} list does. A regulator's "block example.test" means the site, and a site
 *       answers under its subdomains too ({@code www.}, {@code m.}); EXACT would leave them open,
 *       and an order must not be under-blocked. (A register's {@code domain} record is EXACT
 *       because the register lists each subdomain it means; a push has no mask syntax to say so.)</li>
 *   <li>a URL is a URL rule whose host is steered to the proxy, as a {@code urls} list's;</li>
 *   <li>an address or network is an address rule, as an {@code ips} list's.</li>
 * </ul>
 * Every entry takes the source's {@code action}. Thread-safe: the journal's state is immutable.
 */
final class JournalLists implements PushedLists {
    private static final Logger log = LoggerFactory.getLogger(JournalLists.class);

    private final Journal journal;

    JournalLists(Journal journal) {
        this.journal = requireNonNull(journal, "journal");
    }

    @Override
    public Optional<PushedList> newer(SourceSettings source, long sequenceInForce) {
        Optional<SourceEntries> entries = journal.state().source(source.id());
        long sequence = entries.map(SourceEntries::sequence).orElse(0L);
        if (sequence == sequenceInForce) return Optional.empty();
        return Optional.of(entries.map(e -> compile(e, source)).orElse(PushedList.EMPTY));
    }

    /** The rules of {@code entries}; an entry that no longer parses (a journal from another version) is skipped and counted. */
    static PushedList compile(SourceEntries entries, SourceSettings source) {
        Effect effect = source.effect();
        DomainList.Builder domains = new DomainList.Builder();
        UrlList.Builder urls = new UrlList.Builder();
        AddressList.Builder addresses = new AddressList.Builder();
        int skipped = 0;
        for (Map.Entry<String, PushedEntry> e : entries.entries().entrySet()) {
            String text = e.getKey();
            RuleDetail detail = RuleDetail.of(e.getValue().legalBasis());
            try {
                switch (PushEntry.kind(text)) {
                    case DOMAIN -> domains.add(PushEntry.normalize(text), Scope.SUBTREE, effect, detail);
                    case URL -> urls.add(UrlCanonicalizer.canonicalize(text), effect, detail);
                    case NETWORK -> addresses.add(IpNetwork.parse(text), effect, detail);
                }
            } catch (IllegalArgumentException | InvalidUrlException | InvalidAddressException e2) {
                skipped++;
            }
        }
        // never the entry itself: a confidential source's entries must not reach a log
        if (skipped > 0) log.error("source={} entries_skipped={}: not a domain, URL or network any more", source.id(), skipped);
        return new PushedList(entries.sequence(), domains.build(), urls.build(), addresses.build());
    }
}
