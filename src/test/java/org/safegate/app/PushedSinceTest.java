package org.safegate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.safegate.admin.NodeControl.Since;
import org.safegate.journal.PushedEntry;
import org.safegate.journal.SourceEntries;
import org.safegate.policy.AddressList;
import org.safegate.policy.DomainList;
import org.safegate.policy.Effect;
import org.safegate.policy.IpNetwork;
import org.safegate.policy.LegalBasis;
import org.safegate.policy.Mandate;
import org.safegate.policy.Policy;
import org.safegate.policy.RuleDetail;
import org.safegate.policy.Scope;
import org.safegate.policy.SourceMeta;
import org.safegate.policy.SourceRules;
import org.safegate.policy.UrlCanonicalizer;
import org.safegate.policy.UrlList;

/** A pushed rule's since is its journal entry's batch, found from the verdict's name, URL expression or address. */
class PushedSinceTest {
    private static final LegalBasis ORDER = new LegalBasis("Test Court", "77/2026", LocalDate.of(2026, 11, 20));
    private static final LegalBasis OTHER = new LegalBasis("Test Court", "78/2026", LocalDate.of(2026, 11, 21));
    private static final Instant T1 = Instant.parse("2026-11-23T10:00:01Z");
    private static final Instant T2 = Instant.parse("2026-11-23T10:00:02Z");
    private static final Instant T3 = Instant.parse("2026-11-23T10:00:03Z");

    private final SourceEntries journal = new SourceEntries("urgent", 3, Map.of(
            "blocked.test", new PushedEntry(ORDER, 1, T1),
            "https://site.test/page", new PushedEntry(ORDER, 2, T2),
            "192.0.2.0/24", new PushedEntry(ORDER, 3, T3)));

    private static Policy policy(LegalBasis basis) throws Exception {
        RuleDetail detail = RuleDetail.of(basis);
        SourceRules urgent = new SourceRules(new SourceMeta("urgent", "court-order", Mandate.LEGAL_ORDER, false, 100),
                new DomainList.Builder().add("blocked.test", Scope.SUBTREE, Effect.BLOCK, detail).build(),
                new UrlList.Builder().add(UrlCanonicalizer.canonicalize("https://site.test/page"), Effect.BLOCK, detail).build(),
                new AddressList.Builder().add(IpNetwork.parse("192.0.2.0/24"), Effect.BLOCK, detail).build());
        return Policy.compile(1, List.of(urgent), T3);
    }

    @Test
    void aNameUrlOrAddressRuleHoldsSinceItsBatch() throws Exception {
        Policy policy = policy(ORDER);
        assertThat(PushedSince.of(journal, policy.check("www.blocked.test"))).contains(new Since(T1, true, 1));
        assertThat(PushedSince.of(journal, policy.checkUrl(UrlCanonicalizer.canonicalize("https://site.test/page"))))
                .contains(new Since(T2, true, 2));
        assertThat(PushedSince.of(journal, policy.checkAddress(InetAddress.getByName("192.0.2.7"))))
                .contains(new Since(T3, true, 3));
    }

    @Test
    void anEntryUnderAnotherBasisOrGoneFromTheJournalIsNotTheOneThatDecided() throws Exception {
        Policy older = policy(OTHER);           // the journal moved on: re-pushed under another basis
        assertThat(PushedSince.of(journal, older.check("blocked.test"))).isEmpty();
        SourceEntries emptied = new SourceEntries("urgent", 4, Map.of());
        assertThat(PushedSince.of(emptied, policy(ORDER).check("blocked.test"))).isEqualTo(Optional.empty());
    }
}
