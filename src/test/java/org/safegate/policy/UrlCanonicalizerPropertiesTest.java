package org.safegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties over generated URLs: stable, spelling-blind, and total (a result or the checked exception). */
class UrlCanonicalizerPropertiesTest {
    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    /** A plain URL with its parts, before any respelling. */
    record Plain(List<String> labels, List<String> segments, boolean trailingSlash, String query) {
        String url() {
            return "http://" + String.join(".", labels) + "/" + String.join("/", segments)
                    + (trailingSlash && !segments.isEmpty() ? "/" : "") + (query == null ? "" : "?" + query);
        }
    }

    @Provide
    Arbitrary<Plain> plainUrls() {
        Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(2)
                .flatMap(head -> Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('-')
                        .ofMaxLength(6).map(tail -> head + tail + head));
        Arbitrary<String> segment = Arbitraries.strings().withChars(UNRESERVED).ofMinLength(1).ofMaxLength(8)
                .filter(s -> !s.equals(".") && !s.equals(".."));
        Arbitrary<String> query = Arbitraries.strings().withChars(UNRESERVED + "=&/").ofMaxLength(10).injectNull(0.3);
        return Combinators.combine(label.list().ofMinSize(1).ofMaxSize(6), segment.list().ofMaxSize(6),
                Arbitraries.of(true, false), query).as(Plain::new);
    }

    @Property
    void equivalentSpellingsCanonicaliseAlike(@ForAll("plainUrls") Plain plain, @ForAll Random random) throws Exception {
        CanonicalUrl expected = UrlCanonicalizer.canonicalize(plain.url());

        String respelled = respell(plain, random);

        assertThat(UrlCanonicalizer.canonicalize(respelled)).as(respelled).isEqualTo(expected);
    }

    /** Changes case in scheme and host, escapes, adds dot segments, slashes, port 80, dots, a fragment. */
    private static String respell(Plain plain, Random random) {
        StringBuilder url = new StringBuilder(random.nextBoolean() ? "HTTP://" : "http://");
        if (random.nextInt(4) == 0) url.append('.');
        for (int i = 0; i < plain.labels().size(); i++) {
            if (i > 0) url.append(random.nextInt(4) == 0 ? ".." : ".");
            for (char c : plain.labels().get(i).toCharArray())
                url.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        if (random.nextInt(4) == 0) url.append('.');
        if (random.nextInt(3) == 0) url.append(":80");
        url.append('/');
        for (int i = 0; i < plain.segments().size(); i++) {
            if (i > 0) url.append('/');
            url.append(switch (random.nextInt(6)) {
                case 0 -> "./";
                case 1 -> "x/../";
                case 2 -> "%2E/";
                case 3 -> "/";
                case 4 -> "y%2f%2e%2E%2F";
                default -> "";
            });
            url.append(escapeSome(plain.segments().get(i), random));
        }
        if (plain.trailingSlash() && !plain.segments().isEmpty()) url.append(random.nextBoolean() ? "/" : "/.");
        if (plain.query() != null) url.append('?').append(escapeSome(plain.query(), random));
        if (random.nextInt(3) == 0) url.append("#frag/../x?y");
        return url.toString();
    }

    /** Percent-encodes random characters, with random hex case, sometimes twice ("%2541"). */
    private static String escapeSome(String text, Random random) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (random.nextInt(3) != 0) {
                out.append(c);
                continue;
            }
            String hex = String.format(random.nextBoolean() ? "%02X" : "%02x", (int) c);
            out.append(random.nextInt(4) == 0 ? "%25" : "%").append(hex);
        }
        return out.toString();
    }

    @Provide
    Arbitrary<String> urlish() {
        Arbitrary<String> junk = Arbitraries.strings()
                .withChars("%:/?#[]@.0123456789abcdefxX ~-_\t\n\u00fc\u0080\u0001\u00ff\u4e2d")
                .ofMaxLength(40);
        Arbitrary<String> prefix = Arbitraries.of("", "http://", "https://", "HTTP://a.test", "[", "http://[::", "0x", "%25");
        return Combinators.combine(prefix, junk).as(String::concat);
    }

    @Property
    void anyUrlishTextGivesAResultOrTheCheckedException(@ForAll("urlish") String raw) {
        assertTotal(raw);
    }

    @Property
    void anyTextGivesAResultOrTheCheckedException(@ForAll String raw) {
        assertTotal(raw);
    }

    private static void assertTotal(String raw) {
        try {
            CanonicalUrl url = UrlCanonicalizer.canonicalize(raw);
            assertThat(url.expression().chars()).allMatch(c -> c > 0x20 && c < 0x7f);
        } catch (InvalidUrlException expected) {
            assertThat(expected.getMessage()).matches("(?s)(host|port): .+");
        }
    }

    @Property
    void canonicalisingTheCanonicalFormChangesNothing(@ForAll("urlish") String raw) throws Exception {
        CanonicalUrl url;
        try {
            url = UrlCanonicalizer.canonicalize(raw);
        } catch (InvalidUrlException notAUrl) {
            return;
        }
        assertThat(UrlCanonicalizer.canonicalize(url.expression()).expression()).isEqualTo(url.expression());
        assertThat(UrlCanonicalizer.canonicalize(url.toString())).isEqualTo(url);
    }

    @Property
    void canonicalisingRespelledUrlsTwiceChangesNothing(@ForAll("plainUrls") Plain plain, @ForAll Random random) throws Exception {
        CanonicalUrl url = UrlCanonicalizer.canonicalize(respell(plain, random));

        assertThat(UrlCanonicalizer.canonicalize(url.expression()).expression()).isEqualTo(url.expression());
    }

    @Property
    void expressionsAreBoundedAndDistinct(@ForAll("urlish") String raw) {
        try {
            List<String> expressions = UrlExpressions.of(UrlCanonicalizer.canonicalize(raw));
            assertThat(expressions).hasSizeBetween(1, UrlExpressions.MAX).doesNotHaveDuplicates();
        } catch (InvalidUrlException notAUrl) {
            assertThat(notAUrl).hasMessageContaining(": ");
        }
    }
}
