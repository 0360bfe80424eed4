package org.safegate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.safegate.policy.DomainList;
import org.safegate.policy.Effect;
import org.safegate.policy.Mandate;
import org.safegate.policy.Policy;
import org.safegate.policy.PolicyStore;
import org.safegate.policy.Scope;
import org.safegate.policy.RuleDetail;
import org.safegate.policy.UrlList;
import org.safegate.policy.UrlCanonicalizer;
import org.safegate.policy.SourceMeta;
import org.safegate.policy.SourceRules;

class HostRequestPolicyTest {
    private static final SourceMeta SECRET = new SourceMeta("iwf", "csam", Mandate.LEGAL_ORDER, true, 10);
    private static final SourceMeta OPERATOR = new SourceMeta("school", "games", Mandate.OPERATOR_POLICY, false, 0);
    private final PolicyStore store = new PolicyStore(Policy.compile(1, List.of(
            new SourceRules(SECRET, new DomainList.Builder().add("steered.test", Scope.EXACT, Effect.STEER)
                    .add("secret.test", Scope.SUBTREE, Effect.BLOCK).build()),
            new SourceRules(OPERATOR, new DomainList.Builder().add("games.test", Scope.SUBTREE, Effect.BLOCK).build())),
            Instant.EPOCH));
    private final HostRequestPolicy policy = new HostRequestPolicy(store);

    @Test
    void explicitRequestsAreRelayedUnlessTheHostIsBlocked() {
        assertThat(policy.check("www.games.test", "/", false).kind()).isEqualTo(Decision.Kind.BLOCK);
        assertThat(policy.check("free.test", "/", false).kind()).isEqualTo(Decision.Kind.RELAY);
        assertThat(policy.check("steered.test", "/", false).kind()).isEqualTo(Decision.Kind.RELAY);
        assertThat(policy.check("192.0.2.1", "/", false).kind()).isEqualTo(Decision.Kind.RELAY);
    }

    @Test
    void transparentRequestsAreRelayedOnlyForSteeredHosts() {
        assertThat(policy.check("steered.test", "/", true).kind()).isEqualTo(Decision.Kind.RELAY);
        assertThat(policy.check("free.test", "/", true).kind()).isEqualTo(Decision.Kind.REFUSE);
        assertThat(policy.check("games.test", "/", true).kind()).isEqualTo(Decision.Kind.BLOCK);
    }

    @Test
    void aNewPolicyTakesEffectOnTheNextRequest() {
        assertThat(policy.check("free.test", "/", false).kind()).isEqualTo(Decision.Kind.RELAY);
        store.publish(Policy.compile(2, List.of(new SourceRules(OPERATOR,
                new DomainList.Builder().add("free.test", Scope.EXACT, Effect.BLOCK).build())), Instant.EPOCH));
        assertThat(policy.check("free.test", "/", false).kind()).isEqualTo(Decision.Kind.BLOCK);
    }

    @Test
    void aListedUrlIsBlockedAndTheRestOfItsHostRelayed() throws Exception {
        UrlList urls = new UrlList.Builder()
                .add(UrlCanonicalizer.canonicalize("http://shared.test/bad/page"), Effect.BLOCK, RuleDetail.NONE).build();
        store.publish(Policy.compile(2, List.of(new SourceRules(OPERATOR, DomainList.empty(), urls)), Instant.EPOCH));
        assertThat(policy.check("shared.test", "/bad/page", true).kind()).isEqualTo(Decision.Kind.BLOCK);
        assertThat(policy.check("shared.test", "//bad/./%70age?x=1", false).kind()).as("another spelling").isEqualTo(Decision.Kind.BLOCK);
        assertThat(policy.check("shared.test", "/bad/page/below", true).kind()).isEqualTo(Decision.Kind.BLOCK);
        assertThat(policy.check("shared.test", "/bad/pages", true).kind()).isEqualTo(Decision.Kind.RELAY);
        assertThat(policy.check("shared.test", "/good", true).kind()).isEqualTo(Decision.Kind.RELAY);
    }

    @Test
    void aBlockHostSourceBlocksTunnelsToItsUrlHostsButFiltersPlainHttpByUrl() throws Exception {
        SourceMeta register = new SourceMeta("register", "court-order", Mandate.LEGAL_ORDER, false, 100,
                org.safegate.policy.HttpsUrlEntries.BLOCK_HOST);
        UrlList urls = new UrlList.Builder()
                .add(UrlCanonicalizer.canonicalize("https://films.test/watch/1"), Effect.BLOCK, RuleDetail.NONE).build();
        UrlList passUrls = new UrlList.Builder()
                .add(UrlCanonicalizer.canonicalize("http://shared.test/bad/page"), Effect.BLOCK, RuleDetail.NONE).build();
        store.publish(Policy.compile(2, List.of(new SourceRules(register, DomainList.empty(), urls),
                new SourceRules(OPERATOR, DomainList.empty(), passUrls)), Instant.EPOCH));
        assertThat(policy.check("films.test", "", true).kind()).as("SNI").isEqualTo(Decision.Kind.BLOCK);
        assertThat(policy.check("films.test", "", false).kind()).as("CONNECT").isEqualTo(Decision.Kind.BLOCK);
        assertThat(policy.check("films.test", "/other", true).kind()).isEqualTo(Decision.Kind.RELAY);
        assertThat(policy.check("films.test", "/watch/1", true).kind()).isEqualTo(Decision.Kind.BLOCK);
        assertThat(policy.check("shared.test", "", true).kind()).as("a pass source's host").isEqualTo(Decision.Kind.RELAY);
    }
}
