package org.safegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy's content hash names its content: equal lists give equal hashes, any change a new one. */
class PolicyContentHashTest {
    private static final SourceMeta ADS = new SourceMeta("ads", "ads", Mandate.OPERATOR_POLICY, false, 0);
    private static final SourceMeta URLS = new SourceMeta("urls", "urls", Mandate.LEGAL_ORDER, true, 10);

    private static SourceRules ads(String... names) {
        DomainList.Builder b = new DomainList.Builder();
        for (String n : names) b.add(n, Scope.SUBTREE, Effect.BLOCK);
        return new SourceRules(ADS, b.build());
    }

    private static SourceRules urls(String expression, RuleDetail detail) {
        return new SourceRules(URLS, DomainList.empty(), new UrlList.Builder().add(expression, Effect.BLOCK, detail).build());
    }

    private static Policy compile(long version, SourceRules... sources) {
        return Policy.compile(version, List.of(sources), Instant.EPOCH);
    }

    @Test
    void equalContentGivesAnEqualHashWhateverTheVersionAndTime() {
        Policy a = compile(1, ads("a.example", "b.example"), urls("x.example/a", RuleDetail.NONE));
        Policy b = Policy.compile(7, List.of(ads("a.example", "b.example"), urls("x.example/a", RuleDetail.NONE)), Instant.now());
        assertThat(a.contentHash()).matches("[0-9a-f]{64}").isEqualTo(b.contentHash());
        assertThat(a.sourceHashes()).isEqualTo(b.sourceHashes()).containsOnlyKeys("ads", "urls");
    }

    @Test
    void anyChangeOfEntriesDetailsSettingsOrOrderChangesIt() {
        Policy base = compile(1, ads("a.example"), urls("x.example/a", RuleDetail.NONE));
        RuleDetail order = RuleDetail.of(new LegalBasis("Authority", "1", java.time.LocalDate.of(2026, 1, 2)));
        List<Policy> changed = List.of(
                compile(1, ads("a.example", "b.example"), urls("x.example/a", RuleDetail.NONE)),
                compile(1, ads("c.example"), urls("x.example/a", RuleDetail.NONE)),
                compile(1, ads("a.example"), urls("x.example/b", RuleDetail.NONE)),
                compile(1, ads("a.example"), urls("x.example/a", order)),
                compile(1, urls("x.example/a", RuleDetail.NONE), ads("a.example")),
                compile(1, new SourceRules(new SourceMeta("ads", "ads", Mandate.OPERATOR_POLICY, false, 5),
                        ads("a.example").domains()), urls("x.example/a", RuleDetail.NONE)));
        for (Policy p : changed) assertThat(p.contentHash()).isNotEqualTo(base.contentHash());
        assertThat(changed.get(0).sourceHashes().get("urls")).isEqualTo(base.sourceHashes().get("urls"));
    }

    @Test
    void aListIsHashedOnceAndKeepsItsHash() {
        DomainList list = ads("a.example").domains();
        assertThat(list.contentHash()).isSameAs(list.contentHash());
        assertThat(DomainList.empty().contentHash()).isNotEqualTo(list.contentHash());
    }
}
