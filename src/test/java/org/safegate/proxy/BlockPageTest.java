package org.safegate.proxy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.FullHttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.safegate.policy.DomainList;
import org.safegate.policy.Effect;
import org.safegate.policy.LegalBasis;
import org.safegate.policy.Mandate;
import org.safegate.policy.Policy;
import org.safegate.policy.RuleDetail;
import org.safegate.policy.Scope;
import org.safegate.policy.SourceMeta;
import org.safegate.policy.SourceRules;
import org.safegate.policy.UrlCanonicalizer;
import org.safegate.policy.UrlList;
import org.safegate.policy.Verdict;

/** The three wordings, in three languages, with everything escaped and nothing confidential shown. */
class BlockPageTest {
    private static final SourceMeta REGISTRY = new SourceMeta("registry-src", "court-orders", Mandate.LEGAL_ORDER, false, 10);
    private static final SourceMeta IWF = new SourceMeta("iwf-src", "csam-cat", Mandate.OPERATOR_POLICY, true, 10);
    private static final SourceMeta SECRET_ORDER = new SourceMeta("secret-order-src", "secret-cat", Mandate.LEGAL_ORDER, true, 10);
    private static final SourceMeta SCHOOL = new SourceMeta("school-src", "games", Mandate.OPERATOR_POLICY, false, 0);
    private static final RuleDetail BASIS = RuleDetail.of(new LegalBasis("Court <script>alert(1)</script>", "12/2024 \"x\"",
            LocalDate.of(2024, 1, 2)));

    private final Policy policy = policy();
    private final BlockPage page = new BlockPage(BlockTemplates.load(BlockPageSettings.of("Tom & <Jerry>", "", "")),
            BlockPageSettings.of("Tom & <Jerry>", "help@op.example", "https://op.example/appeal?a=1&b=2"),
            "https://op.example/why");

    @Test
    void legalOrderIs451WithBlockedByLinkAndNamesTheDecision() {
        Page p = render(policy.check("www.court.test"), null);
        assertThat(p.status).isEqualTo(451);
        assertThat(p.link).isEqualTo("<https://op.example/why>; rel=\"blocked-by\"");
        assertThat(p.body).contains("unavailable for legal reasons", "Court &lt;script&gt;alert(1)&lt;/script&gt;",
                        "12/2024 &quot;x&quot;", "2024-01-02", "court-orders")
                .doesNotContain("<script>", "registry-src", "court.test");
    }

    @Test
    void legalOrderWithoutABasisShowsDashes() {
        Page p = render(policy.check("nobasis.court.test"), "en");
        assertThat(p.body).contains("<dt>Authority</dt><dd>—</dd>", "<dt>Date</dt><dd>—</dd>");
    }

    @Test
    void confidentialListGetsTheGenericWordingAndNothingOfItsSource() throws Exception {
        for (Verdict v : List.of(policy.check("secret-host.test"), urlVerdict("http://shared.test/hidden/page"))) {
            Page p = render(v, "en");
            assertThat(p.status).isEqualTo(403);
            assertThat(p.link).isNull();
            assertThat(p.body).contains("images of child sexual abuse", "report it")
                    .doesNotContain("iwf-src", "csam-cat", "secret-host", "shared.test", "hidden");
        }
    }

    @Test
    void confidentialLegalOrderIs451ButStillNamesNothing() {
        Page p = render(policy.check("order.secret.test"), "ru");
        assertThat(p.status).isEqualTo(451);
        assertThat(p.body).contains("сексуального насилия над детьми").doesNotContain("secret-order-src", "secret-cat", "Court");
    }

    @Test
    void operatorPolicyIs403WithTheCategory() {
        Page p = render(policy.check("games.test"), "en");
        assertThat(p.status).isEqualTo(403);
        assertThat(p.link).isNull();
        assertThat(p.body).contains("blocked on this network", "<dd>games</dd>").doesNotContain("school-src");
    }

    @Test
    void everyPageShowsOperatorContactAndAppealEscaped() {
        for (String host : List.of("court.test", "secret-host.test", "games.test"))
            for (String language : List.of("en", "ru", "kk"))
                assertThat(render(policy.check(host), language).body)
                        .contains("Tom &amp; &lt;Jerry&gt;", "help@op.example", "href=\"https://op.example/appeal?a=1&amp;b=2\"")
                        .doesNotContain("<Jerry>", "${");
    }

    @Test
    void languageFollowsAcceptLanguageAndIsDeclared() {
        Page ru = render(policy.check("games.test"), "ru-RU,ru;q=0.9,en;q=0.8");
        assertThat(ru.language).isEqualTo("ru");
        assertThat(ru.vary).isEqualTo("accept-language");
        assertThat(ru.body).contains("<html lang=\"ru\">", "Эта страница заблокирована в этой сети", "Категория");
        Page kk = render(policy.check("www.court.test"), "kk, ru;q=0.5");
        assertThat(kk.language).isEqualTo("kk");
        assertThat(kk.body).contains("<html lang=\"kk\">", "заң талабы бойынша шектелген", "Шешім");
        Page fallback = render(policy.check("games.test"), "de-DE, fr;q=0.7");
        assertThat(fallback.language).isEqualTo("en");
        assertThat(fallback.body).contains("<html lang=\"en\">");
    }

    @Test
    void emptySettingsShowADashAndAHarmlessLink() {
        BlockPage bare = new BlockPage(BlockTemplates.load(BlockPageSettings.of("Op", "", "")), BlockPageSettings.of("Op", "", ""), "about:blank");
        FullHttpResponse response = bare.render(policy.check("games.test"), null);
        try {
            assertThat(response.content().toString(UTF_8)).contains("<dd>—</dd>", "href=\"about:blank\"");
        } finally {
            response.release();
        }
    }

    private Verdict urlVerdict(String url) throws Exception {
        return policy.checkUrl(UrlCanonicalizer.canonicalize(url));
    }

    private record Page(int status, String link, String language, String vary, String body) {}

    private Page render(Verdict verdict, String acceptLanguage) {
        assertThat(verdict.action()).isEqualTo(Verdict.Action.BLOCK);
        FullHttpResponse r = page.render(verdict, acceptLanguage);
        try {
            assertThat(r.headers().get("content-type")).isEqualTo("text/html; charset=utf-8");
            return new Page(r.status().code(), r.headers().get("link"), r.headers().get("content-language"), r.headers().get("vary"),
                    r.content().toString(UTF_8));
        } finally {
            r.release();
        }
    }

    private static Policy policy() {
        try {
            UrlList hidden = new UrlList.Builder()
                    .add(UrlCanonicalizer.canonicalize("http://shared.test/hidden/page"), Effect.BLOCK, RuleDetail.NONE).build();
            return Policy.compile(1, List.of(
                    new SourceRules(REGISTRY, new DomainList.Builder().add("court.test", Scope.SUBTREE, Effect.BLOCK, BASIS)
                            .add("nobasis.court.test", Scope.EXACT, Effect.BLOCK).build()),
                    new SourceRules(IWF, new DomainList.Builder().add("secret-host.test", Scope.EXACT, Effect.BLOCK).build(), hidden),
                    new SourceRules(SECRET_ORDER, new DomainList.Builder().add("order.secret.test", Scope.EXACT, Effect.BLOCK, BASIS).build()),
                    new SourceRules(SCHOOL, new DomainList.Builder().add("games.test", Scope.SUBTREE, Effect.BLOCK).build())),
                    Instant.EPOCH);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
