package org.safegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyTest {
    private static final SourceMeta ADS = new SourceMeta("ads", "ads", Mandate.OPERATOR_POLICY, false, 10);
    private static final SourceMeta ALLOW = new SourceMeta("allow", "allow", Mandate.OPERATOR_POLICY, false, 10);
    private static final SourceMeta REGISTRY = new SourceMeta("registry", "court-order", Mandate.LEGAL_ORDER, false, 100);
    private static final SourceMeta SECRET = new SourceMeta("iwf", "csam", Mandate.LEGAL_ORDER, true, 100);

    private static Policy policy(SourceRules... sources) {
        return Policy.compile(1, List.of(sources), Instant.EPOCH);
    }

    @Test
    void exactEntryBlocksOnlyTheName() {
        Policy p = policy(new SourceRules(ADS, new DomainList.Builder().add("ads.example", Scope.EXACT, Effect.BLOCK).build()));
        assertThat(p.check("ads.example").action()).isEqualTo(Verdict.Action.BLOCK);
        assertThat(p.check("x.ads.example").action()).isEqualTo(Verdict.Action.ALLOW);
        assertThat(p.check("x.ads.example").matched()).isFalse();
        assertThat(p.check("example").matched()).isFalse();
        assertThat(p.check("bads.example").matched()).isFalse();
    }

    @Test
    void subtreeEntryBlocksTheNameAndEverythingBelow() {
        Policy p = policy(new SourceRules(ADS, new DomainList.Builder().add("ads.example", Scope.SUBTREE, Effect.BLOCK).build()));
        assertThat(p.check("ads.example").action()).isEqualTo(Verdict.Action.BLOCK);
        Verdict deep = p.check("a.b.ads.example");
        assertThat(deep.action()).isEqualTo(Verdict.Action.BLOCK);
        assertThat(deep.matchedName()).isEqualTo("ads.example");
        assertThat(deep.matchedByAncestor()).isTrue();
        assertThat(p.check("xads.example").matched()).isFalse();
    }

    @Test
    void wildcardEntryBlocksOnlyNamesBelow() {
        Policy p = policy(new SourceRules(ADS, new DomainList.Builder().add("ads.example", Scope.BELOW, Effect.BLOCK).build()));
        assertThat(p.check("ads.example").matched()).isFalse();
        assertThat(p.check("x.ads.example").action()).isEqualTo(Verdict.Action.BLOCK);
    }

    @Test
    void allowExceptionWinsAtEqualPrecedenceButNotOverAHigherOne() {
        Policy p = policy(
                new SourceRules(ADS, new DomainList.Builder().add("example", Scope.SUBTREE, Effect.BLOCK).build()),
                new SourceRules(REGISTRY, new DomainList.Builder().add("bad.ok.example", Scope.EXACT, Effect.BLOCK).build()),
                new SourceRules(ALLOW, new DomainList.Builder().add("ok.example", Scope.SUBTREE, Effect.ALLOW).build()));
        assertThat(p.check("x.example").action()).isEqualTo(Verdict.Action.BLOCK);
        assertThat(p.check("www.ok.example").action()).isEqualTo(Verdict.Action.ALLOW);
        assertThat(p.check("www.ok.example").rule().source()).isEqualTo(ALLOW);
        assertThat(p.check("bad.ok.example").action()).isEqualTo(Verdict.Action.BLOCK);
        assertThat(p.check("bad.ok.example").rule().source()).isEqualTo(REGISTRY);
    }

    @Test
    void moreSpecificRuleWinsAtEqualRank() {
        LegalBasis outer = new LegalBasis("Court", "1", LocalDate.of(2024, 1, 2));
        LegalBasis inner = new LegalBasis("Court", "2", LocalDate.of(2024, 1, 3));
        Policy p = policy(new SourceRules(REGISTRY, new DomainList.Builder()
                .add("example", Scope.SUBTREE, Effect.BLOCK, RuleDetail.of(outer))
                .add("a.example", Scope.SUBTREE, Effect.BLOCK, RuleDetail.of(inner)).build()));
        assertThat(p.check("x.a.example").rule().detail().legalBasis()).contains(inner);
        assertThat(p.check("x.b.example").rule().detail().legalBasis()).contains(outer);
    }

    @Test
    void steerLosesToBlockAndAllow() {
        Policy p = policy(
                new SourceRules(REGISTRY, new DomainList.Builder()
                        .add("host.example", Scope.EXACT, Effect.STEER)
                        .add("both.example", Scope.EXACT, Effect.STEER).build()),
                new SourceRules(SECRET, new DomainList.Builder().add("both.example", Scope.EXACT, Effect.BLOCK).build()));
        assertThat(p.check("host.example").action()).isEqualTo(Verdict.Action.STEER);
        assertThat(p.check("both.example").action()).isEqualTo(Verdict.Action.BLOCK);
    }

    @Test
    void describeHidesConfidentialEntries() {
        Policy p = policy(
                new SourceRules(SECRET, new DomainList.Builder().add("secret.example", Scope.SUBTREE, Effect.BLOCK).build()),
                new SourceRules(ADS, new DomainList.Builder().add("ads.example", Scope.EXACT, Effect.BLOCK).build()));
        assertThat(p.check("x.secret.example").describe()).doesNotContain("secret.example").contains("iwf");
        assertThat(p.check("ads.example").describe()).contains("ads.example");
    }

    @Test
    void manyNamesAllFoundAndNoFalseHits() {
        DomainList.Builder b = new DomainList.Builder();
        for (int i = 0; i < 50_000; i++) b.add("n" + i + ".example", Scope.EXACT, Effect.BLOCK);
        Policy p = policy(new SourceRules(ADS, b.build()));
        assertThat(p.distinctNames()).isEqualTo(50_000);
        for (int i = 0; i < 50_000; i++) {
            assertThat(p.check("n" + i + ".example").action()).isEqualTo(Verdict.Action.BLOCK);
            assertThat(p.check("m" + i + ".example").matched()).isFalse();
        }
    }
}
