package org.safegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Policy#checkUrl} over compiled URL lists: what an entry covers and which rule wins. */
class UrlIndexTest {
    private static final SourceMeta REGISTRY = new SourceMeta("registry", "court-order", Mandate.LEGAL_ORDER, false, 100);
    private static final SourceMeta SECRET = new SourceMeta("iwf", "csam", Mandate.LEGAL_ORDER, true, 100);
    private static final SourceMeta ADS = new SourceMeta("ads", "ads", Mandate.OPERATOR_POLICY, false, 10);
    private static final SourceMeta ALLOW = new SourceMeta("allow", "allow", Mandate.OPERATOR_POLICY, false, 10);

    static CanonicalUrl url(String raw) {
        try {
            return UrlCanonicalizer.canonicalize(raw);
        } catch (InvalidUrlException e) {
            throw new AssertionError(raw + ": " + e.getMessage(), e);
        }
    }

    private static UrlList urls(Effect effect, String... expressions) {
        UrlList.Builder b = new UrlList.Builder();
        for (String e : expressions) b.add(url(e), effect, RuleDetail.NONE);
        return b.build();
    }

    private static Policy policy(SourceRules... sources) {
        return Policy.compile(1, List.of(sources), Instant.EPOCH);
    }

    private static Verdict.Action action(Policy p, String raw) {
        return p.checkUrl(url(raw)).action();
    }

    @Test
    void exactFileEntryBlocksThatUrlWithAnyQueryButNotItsSiblings() {
        Policy p = policy(new SourceRules(REGISTRY, DomainList.empty(), urls(Effect.BLOCK, "http://h.example/a/page.html")));
        Verdict v = p.checkUrl(url("http://h.example/a/page.html"));
        assertThat(v.action()).isEqualTo(Verdict.Action.BLOCK);
        assertThat(v.matchedUrlEntry()).isTrue();
        assertThat(action(p, "https://H.example:443/a/%70age.html?x=1")).isEqualTo(Verdict.Action.BLOCK);
        assertThat(action(p, "http://h.example/a/page.htm")).isEqualTo(Verdict.Action.ALLOW);
        assertThat(action(p, "http://h.example/a/")).isEqualTo(Verdict.Action.ALLOW);
        assertThat(action(p, "http://h.example/")).isEqualTo(Verdict.Action.ALLOW);
        assertThat(p.checkUrl(url("http://other.example/a/page.html")).matched()).isFalse();
    }

    @Test
    void pathEntryCoversItsSegmentsButNotAPartialSegment() {
        Policy p = policy(new SourceRules(REGISTRY, DomainList.empty(), urls(Effect.BLOCK, "h.example/a/b")));
        assertThat(action(p, "http://h.example/a/b")).isEqualTo(Verdict.Action.BLOCK);
        assertThat(action(p, "http://h.example/a/b/")).isEqualTo(Verdict.Action.BLOCK);
        assertThat(action(p, "http://h.example/a/b/c")).isEqualTo(Verdict.Action.BLOCK);
        assertThat(action(p, "http://h.example/a/b/c/d.html?q=1")).isEqualTo(Verdict.Action.BLOCK);
        assertThat(action(p, "http://h.example/a/b?q=1")).isEqualTo(Verdict.Action.BLOCK);
        assertThat(action(p, "http://h.example/a/bc")).isEqualTo(Verdict.Action.ALLOW);
        assertThat(action(p, "http://h.example/a/bc/d")).isEqualTo(Verdict.Action.ALLOW);
        assertThat(action(p, "http://h.example/a")).isEqualTo(Verdict.Action.ALLOW);
        assertThat(action(p, "http://h.example/x/a/b")).isEqualTo(Verdict.Action.ALLOW);
    }

    @Test
    void directoryEntryIsAPrefix() {
        Policy p = policy(new SourceRules(REGISTRY, DomainList.empty(), urls(Effect.BLOCK, "h.example/dir/")));
        assertThat(action(p, "http://h.example/dir/x/y.html")).isEqualTo(Verdict.Action.BLOCK);
        assertThat(action(p, "http://h.example/dir")).isEqualTo(Verdict.Action.BLOCK);
        assertThat(action(p, "http://h.example/dirt/")).isEqualTo(Verdict.Action.ALLOW);
        assertThat(p.checkUrl(url("http://h.example/dir/x")).matchedName()).isEqualTo("h.example/dir/");
        assertThat(p.checkUrl(url("http://h.example/dir/x")).matchedByAncestor()).isTrue();
    }

    @Test
    void prefixCoverageStopsAtSafeBrowsingsThreeDirectories() {
        Policy p = policy(new SourceRules(REGISTRY, DomainList.empty(), urls(Effect.BLOCK, "h.example/1/2/3", "h.example/a/b/c/d")));
        assertThat(action(p, "http://h.example/1/2/3/4/5.html")).isEqualTo(Verdict.Action.BLOCK);
        assertThat(action(p, "http://h.example/a/b/c/d")).isEqualTo(Verdict.Action.BLOCK);
        assertThat(action(p, "http://h.example/a/b/c/d/?q")).isEqualTo(Verdict.Action.BLOCK);
        // Documented in UrlList: /a/b/c/d/ is a fourth directory, which Safe Browsing does not probe
        assertThat(action(p, "http://h.example/a/b/c/d/e")).isEqualTo(Verdict.Action.ALLOW);
    }

    @Test
    void hashedOnlyListSteersNothingButBlocksWhatReachesTheProxy() {
        UrlList hashed = new UrlList.Builder().addHash(UrlList.ruleHash("h.example/a"), Effect.BLOCK, RuleDetail.NONE).build();
        Policy p = policy(new SourceRules(SECRET, DomainList.empty(), hashed));
        assertThat(hashed.steeredHosts().size()).isZero();
        assertThat(p.check("h.example").matched()).isFalse();
        assertThat(action(p, "http://h.example/a/x")).isEqualTo(Verdict.Action.BLOCK);
    }

    @Test
    void queryEntryMatchesOnlyThatQuery() {
        Policy p = policy(new SourceRules(REGISTRY, DomainList.empty(), urls(Effect.BLOCK, "h.example/view?id=7")));
        assertThat(action(p, "http://h.example/view?id=7")).isEqualTo(Verdict.Action.BLOCK);
        assertThat(p.checkUrl(url("http://h.example/view?id=7")).matchedByAncestor()).isFalse();
        assertThat(action(p, "http://h.example/view?id=8")).isEqualTo(Verdict.Action.ALLOW);
        assertThat(action(p, "http://h.example/view?id=7&x=1")).isEqualTo(Verdict.Action.ALLOW);
        assertThat(action(p, "http://h.example/view")).isEqualTo(Verdict.Action.ALLOW);
        assertThat(action(p, "http://h.example/view/")).isEqualTo(Verdict.Action.ALLOW);
    }

    @Test
    void hostEntryCoversNamesBelowIt() {
        Policy p = policy(new SourceRules(REGISTRY, DomainList.empty(), urls(Effect.BLOCK, "b.example/x")));
        assertThat(action(p, "http://a.b.example/x")).isEqualTo(Verdict.Action.BLOCK);
        assertThat(action(p, "http://z.a.b.example/x/y")).isEqualTo(Verdict.Action.BLOCK);
        assertThat(action(p, "http://ab.example/x")).isEqualTo(Verdict.Action.ALLOW);
        assertThat(action(p, "http://example/x")).isEqualTo(Verdict.Action.ALLOW);
    }

    @Test
    void hostsOfPlainEntriesAreSteeredWithTheirSubtree() {
        Policy p = policy(new SourceRules(REGISTRY, DomainList.empty(),
                urls(Effect.BLOCK, "b.example/x", "http://192.0.2.1/y")));
        assertThat(p.check("b.example").action()).isEqualTo(Verdict.Action.STEER);
        assertThat(p.check("a.b.example").action()).isEqualTo(Verdict.Action.STEER);
        assertThat(p.check("c.example").matched()).isFalse();
        assertThat(p.check("192.0.2.1").matched()).isFalse();
        assertThat(action(p, "http://192.0.2.1/y/z")).isEqualTo(Verdict.Action.BLOCK);
        assertThat(p.checkUrl(url("http://b.example/other")).matched()).isFalse();
    }

    @Test
    void allowBeatsBlockAtEqualPrecedenceButNotAbove() {
        Policy p = policy(
                new SourceRules(ADS, DomainList.empty(), urls(Effect.BLOCK, "h.example/ads/", "h.example/regulated")),
                new SourceRules(ALLOW, DomainList.empty(), urls(Effect.ALLOW, "h.example/ads/ok", "h.example/regulated")),
                new SourceRules(REGISTRY, DomainList.empty(), urls(Effect.BLOCK, "h.example/regulated/")));
        assertThat(action(p, "http://h.example/ads/banner")).isEqualTo(Verdict.Action.BLOCK);
        Verdict ok = p.checkUrl(url("http://h.example/ads/ok/x"));
        assertThat(ok.action()).isEqualTo(Verdict.Action.ALLOW);
        assertThat(ok.rule().source()).isEqualTo(ALLOW);
        Verdict regulated = p.checkUrl(url("http://h.example/regulated"));
        assertThat(regulated.action()).isEqualTo(Verdict.Action.BLOCK);
        assertThat(regulated.rule().source()).isEqualTo(REGISTRY);
    }

    @Test
    void mostSpecificUrlRuleIsReportedAtEqualRank() {
        LegalBasis outer = new LegalBasis("Court", "1", LocalDate.of(2024, 1, 2));
        LegalBasis inner = new LegalBasis("Court", "2", LocalDate.of(2024, 1, 3));
        UrlList list = new UrlList.Builder()
                .add(url("h.example/"), Effect.BLOCK, RuleDetail.of(outer))
                .add(url("h.example/a/b"), Effect.BLOCK, RuleDetail.of(inner)).build();
        Policy p = policy(new SourceRules(REGISTRY, DomainList.empty(), list));
        assertThat(p.checkUrl(url("http://x.h.example/a/b/c")).rule().detail().legalBasis()).contains(inner);
        assertThat(p.checkUrl(url("http://x.h.example/a/c")).rule().detail().legalBasis()).contains(outer);
    }

    @Test
    void domainBlockOfTheHostCoversEveryUrl() {
        Policy p = policy(
                new SourceRules(REGISTRY, new DomainList.Builder().add("bad.example", Scope.SUBTREE, Effect.BLOCK).build(),
                        urls(Effect.BLOCK, "mixed.example/x")),
                new SourceRules(ALLOW, DomainList.empty(), urls(Effect.ALLOW, "bad.example/ok")));
        Verdict v = p.checkUrl(url("http://www.bad.example/any/path?q"));
        assertThat(v.action()).isEqualTo(Verdict.Action.BLOCK);
        assertThat(v.matchedUrlEntry()).isFalse();
        assertThat(v.matchedName()).isEqualTo("bad.example");
        assertThat(action(p, "http://bad.example/ok")).isEqualTo(Verdict.Action.BLOCK);
        assertThat(p.checkUrl(url("http://mixed.example/y")).matched()).isFalse();
    }

    @Test
    void urlAllowOfHigherPrecedenceBeatsADomainBlock() {
        Policy p = policy(
                new SourceRules(ADS, new DomainList.Builder().add("cdn.example", Scope.SUBTREE, Effect.BLOCK).build()),
                new SourceRules(REGISTRY, DomainList.empty(), urls(Effect.ALLOW, "cdn.example/public/")));
        assertThat(action(p, "http://cdn.example/public/x.js")).isEqualTo(Verdict.Action.ALLOW);
        assertThat(action(p, "http://cdn.example/track.js")).isEqualTo(Verdict.Action.BLOCK);
    }

    @Test
    void confidentialUrlVerdictShowsNoUrl() {
        Policy p = policy(
                new SourceRules(SECRET, DomainList.empty(), urls(Effect.BLOCK, "hidden.example/secret-path")),
                new SourceRules(REGISTRY, DomainList.empty(), urls(Effect.BLOCK, "open.example/public-path")));
        Verdict secret = p.checkUrl(url("http://hidden.example/secret-path/x"));
        assertThat(secret.action()).isEqualTo(Verdict.Action.BLOCK);
        assertThat(secret.describe()).contains("iwf").doesNotContain("secret-path").doesNotContain("hidden.example");
        assertThat(secret.matchedName()).isEmpty();
        assertThat(secret.toString()).doesNotContain("secret-path");
        assertThat(p.checkUrl(url("http://open.example/public-path")).describe()).contains("open.example/public-path/");
    }

    @Test
    void policyAndListPrintNoUrl() {
        UrlList list = urls(Effect.BLOCK, "hidden.example/secret-path");
        Policy p = policy(new SourceRules(SECRET, DomainList.empty(), list));
        assertThat(list.toString()).doesNotContain("secret-path").contains("1 rules");
        assertThat(p.toString()).doesNotContain("secret-path").contains("1 URL hashes");
    }

    @Test
    void manyUrlsAllFoundAndNoFalseHits() {
        UrlList.Builder b = new UrlList.Builder();
        for (int i = 0; i < 20_000; i++) b.add("h" + (i % 97) + ".example/p" + i + ".html", Effect.BLOCK, RuleDetail.NONE);
        Policy p = policy(new SourceRules(ADS, DomainList.empty(), b.build()));
        assertThat(p.distinctUrlHashes()).isEqualTo(20_000);
        UrlMatcher matcher = new UrlMatcher();
        for (int i = 0; i < 20_000; i++) {
            assertThat(p.checkUrl(url("h" + (i % 97) + ".example/p" + i + ".html"), matcher).action()).isEqualTo(Verdict.Action.BLOCK);
            assertThat(p.checkUrl(url("h" + (i % 97) + ".example/q" + i + ".html"), matcher).matched()).isFalse();
        }
    }

    @Test
    void emptyPolicyMatchesNoUrl() {
        assertThat(Policy.empty(1).checkUrl(url("http://h.example/a")).matched()).isFalse();
    }

    @Test
    void probedExpressionsAreTheSafeBrowsingOnesPlusTheSlashFormOfTheWholePath() {
        assertThat(UrlMatcher.probedExpressions(url("http://a.b.c/1/2.html?param=1"))).containsExactly(
                "a.b.c/1/2.html?param=1", "a.b.c/1/2.html", "a.b.c/1/2.html/", "a.b.c/", "a.b.c/1/",
                "b.c/1/2.html?param=1", "b.c/1/2.html", "b.c/1/2.html/", "b.c/", "b.c/1/");
        assertThat(UrlMatcher.probedExpressions(url("http://a.b/dir/"))).containsExactly("a.b/dir/", "a.b/");
    }

    @Test
    void everyProbedExpressionIsReallyProbed() {
        CanonicalUrl request = url("http://x.h.example/a/b/page?id=3");
        for (String expression : UrlMatcher.probedExpressions(request)) {
            // Hashed as given (not the listed form), so an entry can only match through this very probe
            UrlList list = new UrlList.Builder().addHash(UrlList.sha256().digest(
                    expression.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)), Effect.BLOCK, RuleDetail.NONE).build();
            assertThat(policy(new SourceRules(REGISTRY, DomainList.empty(), list)).checkUrl(request).action())
                    .as(expression).isEqualTo(Verdict.Action.BLOCK);
        }
    }

    @Test
    void blockHostSourceBlocksItsUrlHostsOnlyWhereThePathIsNotVisible() {
        SourceMeta register = new SourceMeta("register", "court-order", Mandate.LEGAL_ORDER, false, 100, HttpsUrlEntries.BLOCK_HOST);
        Policy p = policy(
                new SourceRules(register, DomainList.empty(), urls(Effect.BLOCK, "http://films.example/download/1")),
                new SourceRules(ADS, DomainList.empty(), urls(Effect.BLOCK, "http://shared.example/ads/")));
        Verdict tls = p.checkTlsHost("films.example");
        assertThat(tls.action()).isEqualTo(Verdict.Action.BLOCK);
        assertThat(tls.rule().source()).isEqualTo(register);
        assertThat(p.checkTlsHost("cdn.films.example").action()).as("below, as steering covers").isEqualTo(Verdict.Action.BLOCK);
        // Plain HTTP to the same host: still URL by URL
        assertThat(p.check("films.example").action()).isEqualTo(Verdict.Action.STEER);
        assertThat(action(p, "http://films.example/trailers/2")).isEqualTo(Verdict.Action.ALLOW);
        assertThat(action(p, "http://films.example/download/1")).isEqualTo(Verdict.Action.BLOCK);
        // A PASS source's host is only steered, over TLS too
        assertThat(p.checkTlsHost("shared.example").action()).isEqualTo(Verdict.Action.STEER);
        assertThat(p.checkTlsHost("other.example").matched()).isFalse();
    }

    @Test
    void blockHostRanksAgainstTheHostsDomainRules() {
        SourceMeta register = new SourceMeta("register", "court-order", Mandate.LEGAL_ORDER, false, 50, HttpsUrlEntries.BLOCK_HOST);
        SourceMeta high = new SourceMeta("high", "allow", Mandate.OPERATOR_POLICY, false, 60);
        SourceRules urlsOnHosts = new SourceRules(register, DomainList.empty(),
                urls(Effect.BLOCK, "http://a.example/x", "http://b.example/x"));
        Policy p = policy(urlsOnHosts,
                new SourceRules(high, new DomainList.Builder().add("a.example", Scope.EXACT, Effect.ALLOW).build()),
                new SourceRules(ALLOW, new DomainList.Builder().add("b.example", Scope.EXACT, Effect.ALLOW).build()));
        assertThat(p.checkTlsHost("a.example").action()).as("an allow of higher precedence").isEqualTo(Verdict.Action.ALLOW);
        assertThat(p.checkTlsHost("b.example").action()).as("an allow of lower precedence").isEqualTo(Verdict.Action.BLOCK);
    }
}
