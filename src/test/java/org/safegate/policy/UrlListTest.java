package org.safegate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.safegate.policy.UrlIndexTest.url;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** What a {@link UrlList} keeps of its entries, and that a hashed list decides like the plain one. */
class UrlListTest {
    private static final SourceMeta SOURCE = new SourceMeta("list", "test", Mandate.LEGAL_ORDER, true, 50);

    @Test
    void listedFormAddsTheSlashOnlyToPlainPaths() {
        assertThat(UrlList.listedForm("h.example/a/b")).isEqualTo("h.example/a/b/");
        assertThat(UrlList.listedForm("h.example/a/b/")).isEqualTo("h.example/a/b/");
        assertThat(UrlList.listedForm("h.example/a/b?x=1")).isEqualTo("h.example/a/b?x=1");
        assertThat(UrlList.listedForm("h.example/")).isEqualTo("h.example/");
        assertThatThrownBy(() -> UrlList.listedForm("/a/b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("expression: ");
    }

    @Test
    void ruleHashIsSha256OfTheListedForm() throws Exception {
        byte[] expected = MessageDigest.getInstance("SHA-256").digest("h.example/a/".getBytes(StandardCharsets.US_ASCII));
        assertThat(UrlList.ruleHash("h.example/a")).isEqualTo(expected);
    }

    @Test
    void rejectsSteerAndShortHashesNamingTheField() {
        UrlList.Builder b = new UrlList.Builder();
        assertThatThrownBy(() -> b.add("h.example/a", Effect.STEER, RuleDetail.NONE))
                .hasMessage("effect: STEER for a URL rule (expected: BLOCK or ALLOW)");
        assertThatThrownBy(() -> b.addHash(new byte[20], Effect.BLOCK, RuleDetail.NONE))
                .hasMessage("sha256: 20 bytes (expected: 32)");
        assertThat(b.size()).isZero();
    }

    @Test
    void plainEntriesSteerTheirHostsOnceAndNeverAnAddress() {
        UrlList list = new UrlList.Builder()
                .add("h.example/a", Effect.BLOCK, RuleDetail.NONE)
                .add("h.example/b", Effect.ALLOW, RuleDetail.NONE)
                .add("192.0.2.1/x", Effect.BLOCK, RuleDetail.NONE)
                .add("[2001:db8::1]/x", Effect.BLOCK, RuleDetail.NONE)
                .addHash(UrlList.ruleHash("hidden.example/x"), Effect.BLOCK, RuleDetail.NONE).build();
        assertThat(list.size()).isEqualTo(5);
        assertThat(list.count(Effect.BLOCK)).isEqualTo(4);
        assertThat(list.effect(1)).isEqualTo(Effect.ALLOW);
        DomainList hosts = list.steeredHosts();
        assertThat(hosts.size()).isEqualTo(1);
        assertThat(hosts.name(0)).isEqualTo("h.example");
        assertThat(hosts.scope(0)).isEqualTo(Scope.SUBTREE);
        assertThat(hosts.effect(0)).isEqualTo(Effect.STEER);
    }

    @Test
    void printsCountsOnly() {
        UrlList list = new UrlList.Builder().add("h.example/private/path", Effect.BLOCK, RuleDetail.NONE).build();
        assertThat(list.toString()).isEqualTo("UrlList[1 rules, 1 hosts]");
    }

    /** A generated entry or request: labels of a host under .example, path segments, maybe a query. */
    record Parts(List<String> labels, List<String> segments, boolean slash, String query) {
        String expression() {
            return String.join(".", labels) + ".example/" + String.join("/", segments)
                    + (slash && !segments.isEmpty() ? "/" : "") + (query == null ? "" : "?" + query);
        }
    }

    @Provide
    Arbitrary<Parts> parts() {
        // Tiny alphabets, so that requests often share hosts and path segments with entries
        Arbitrary<String> word = Arbitraries.of("a", "b", "ab", "c");
        return Combinators.combine(word.list().ofMinSize(1).ofMaxSize(3), word.list().ofMaxSize(5),
                Arbitraries.of(true, false), Arbitraries.of("x=1", "y").injectNull(0.6)).as(Parts::new);
    }

    @Provide
    Arbitrary<List<Parts>> entries() {
        return parts().list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Parts>> requests() {
        return parts().list().ofMaxSize(30);
    }

    @Property(tries = 200)
    void hashedListDecidesLikeThePlainList(@ForAll("entries") List<Parts> entries, @ForAll("requests") List<Parts> requests) {
        UrlList.Builder plain = new UrlList.Builder();
        UrlList.Builder hashed = new UrlList.Builder();
        for (int i = 0; i < entries.size(); i++) {
            Effect effect = i % 3 == 2 ? Effect.ALLOW : Effect.BLOCK;
            String expression = url(entries.get(i).expression()).expression();
            plain.add(expression, effect, RuleDetail.NONE);
            hashed.addHash(UrlList.ruleHash(expression), effect, RuleDetail.NONE);
        }
        Policy p = Policy.compile(1, List.of(new SourceRules(SOURCE, DomainList.empty(), plain.build())), Instant.EPOCH);
        Policy h = Policy.compile(1, List.of(new SourceRules(SOURCE, DomainList.empty(), hashed.build())), Instant.EPOCH);
        List<Parts> all = new ArrayList<>(requests);
        all.addAll(entries);
        for (Parts request : all) {
            CanonicalUrl u = url("http://" + request.expression());
            Verdict fromPlain = p.checkUrl(u);
            Verdict fromHashed = h.checkUrl(u);
            assertThat(fromHashed.action()).as(u.toString()).isEqualTo(fromPlain.action());
            assertThat(fromHashed.rule()).as(u.toString()).isEqualTo(fromPlain.rule());
        }
        for (Parts entry : entries)
            assertThat(p.checkUrl(url("http://" + entry.expression())).matched()).as(entry.expression()).isTrue();
    }
}
