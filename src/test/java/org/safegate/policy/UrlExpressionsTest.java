package org.safegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The suffix/prefix expressions. The first three lists are the Safe Browsing v4 page's own
 * examples, in its order; the rest are the Safe Browsing Go client's test vectors
 * (google/safebrowsing urls_test.go, compared in our order).
 */
class UrlExpressionsTest {

    private static List<String> expressions(String url) throws InvalidUrlException {
        return UrlExpressions.of(UrlCanonicalizer.canonicalize(url));
    }

    @Test
    void specExampleWithQuery() throws Exception {
        assertThat(expressions("http://a.b.c/1/2.html?param=1")).containsExactly(
                "a.b.c/1/2.html?param=1", "a.b.c/1/2.html", "a.b.c/", "a.b.c/1/",
                "b.c/1/2.html?param=1", "b.c/1/2.html", "b.c/", "b.c/1/");
    }

    @Test
    void specExampleWithManyLabelsKeepsTheLastFiveAtMost() throws Exception {
        assertThat(expressions("http://a.b.c.d.e.f.g/1.html")).containsExactly(
                "a.b.c.d.e.f.g/1.html", "a.b.c.d.e.f.g/",
                "c.d.e.f.g/1.html", "c.d.e.f.g/",
                "d.e.f.g/1.html", "d.e.f.g/",
                "e.f.g/1.html", "e.f.g/",
                "f.g/1.html", "f.g/");
    }

    @Test
    void specExampleIpAddressHasNoHostSuffixes() throws Exception {
        assertThat(expressions("http://1.2.3.4/1/")).containsExactly("1.2.3.4/1/", "1.2.3.4/");
    }

    @Test
    void goClientVectors() throws Exception {
        assertThat(expressions("http://a.b.c/1/2.html?param=1/2")).containsExactly(
                "a.b.c/1/2.html?param=1/2", "a.b.c/1/2.html", "a.b.c/", "a.b.c/1/",
                "b.c/1/2.html?param=1/2", "b.c/1/2.html", "b.c/", "b.c/1/");
        assertThat(expressions("http://a.b.c/1/2/3/4/5/")).containsExactly(
                "a.b.c/1/2/3/4/5/", "a.b.c/", "a.b.c/1/", "a.b.c/1/2/", "a.b.c/1/2/3/",
                "b.c/1/2/3/4/5/", "b.c/", "b.c/1/", "b.c/1/2/", "b.c/1/2/3/");
        assertThat(expressions("http://a.b.c.d.e/1.html")).containsExactly(
                "a.b.c.d.e/1.html", "a.b.c.d.e/", "b.c.d.e/1.html", "b.c.d.e/",
                "c.d.e/1.html", "c.d.e/", "d.e/1.html", "d.e/");
        assertThat(expressions("http://b.c/1/2/3.html?param=1/2")).containsExactly(
                "b.c/1/2/3.html?param=1/2", "b.c/1/2/3.html", "b.c/", "b.c/1/", "b.c/1/2/");
        assertThat(expressions("http://[2001:470:1:18::114]/a/b")).containsExactly(
                "[2001:470:1:18::114]/a/b", "[2001:470:1:18::114]/", "[2001:470:1:18::114]/a/");
        assertThat(expressions("http://1.2.3.4/a/b")).containsExactly("1.2.3.4/a/b", "1.2.3.4/", "1.2.3.4/a/");
        assertThat(expressions("http://a.b/")).containsExactly("a.b/");
        assertThat(expressions("http://b/")).containsExactly("b/");
    }

    /**
     * Divergence from the Go client, which also yields c.d.e.f.g.h.i and d.e.f.g.h.i here: the v4
     * page says "up to 4 hostnames formed by starting with the last 5 components".
     */
    @Test
    void hostSuffixesStartAtTheLastFiveLabels() throws Exception {
        assertThat(expressions("http://a.b.c.d.e.f.g.h.i/")).containsExactly(
                "a.b.c.d.e.f.g.h.i/", "e.f.g.h.i/", "f.g.h.i/", "g.h.i/", "h.i/");
    }

    /**
     * Divergence from the Go client, which drops an empty query: the v4 page canonicalises
     * "http://www.google.com/q?" to ".../q?", and the exact URL with its query is an expression.
     */
    @Test
    void emptyQueryIsItsOwnExpression() throws Exception {
        assertThat(expressions("http://a.b/?")).containsExactly("a.b/?", "a.b/");
    }

    @Test
    void deepestUrlYieldsThirtyDistinctExpressions() throws Exception {
        List<String> all = expressions("http://a.b.c.d.e.f.g/1/2/3/4/5.html?q=1");

        assertThat(all).hasSize(UrlExpressions.MAX).doesNotHaveDuplicates();
        assertThat(all).startsWith("a.b.c.d.e.f.g/1/2/3/4/5.html?q=1", "a.b.c.d.e.f.g/1/2/3/4/5.html",
                "a.b.c.d.e.f.g/", "a.b.c.d.e.f.g/1/", "a.b.c.d.e.f.g/1/2/", "a.b.c.d.e.f.g/1/2/3/");
        assertThat(all).endsWith("f.g/1/2/3/");
    }

    @Test
    void slashesInTheQueryAreNoDirectories() throws Exception {
        assertThat(expressions("http://b.test/x?u=/a/b/c")).containsExactly(
                "b.test/x?u=/a/b/c", "b.test/x", "b.test/");
    }

    @Test
    void visitorSeesSlicesOfTheUrlsOwnStrings() throws Exception {
        CanonicalUrl url = UrlCanonicalizer.canonicalize("http://a.b.c/1/2.html?param=1");
        List<String> seen = new ArrayList<>();

        int count = UrlExpressions.forEach(url, (host, hostFrom, pathAndQuery, pathTo) -> {
            assertThat(host).isSameAs(url.host());
            assertThat(pathAndQuery).isSameAs(url.pathAndQuery());
            seen.add(host.substring(hostFrom) + pathAndQuery.substring(0, pathTo));
        });

        assertThat(count).isEqualTo(8);
        assertThat(seen).isEqualTo(UrlExpressions.of(url));
    }
}
