package org.safegate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every input → canonical pair that Google's Safe Browsing v4 "URLs and Hashing" page lists
 * (developers.google.com/safe-browsing/v4/urls-hashing), verbatim, so lists hashed by other tools
 * match ours. The spec writes no port, so a pair is compared as {@code scheme://expression}.
 * The host names are the spec's own; nothing here is resolved.
 */
class UrlCanonicalizerSpecTest {

    static Stream<Arguments> specPairs() {
        return Stream.of(
                Arguments.of("http://host/%25%32%35", "http://host/%25"),
                Arguments.of("http://host/%25%32%35%25%32%35", "http://host/%25%25"),
                Arguments.of("http://host/%2525252525252525", "http://host/%25"),
                Arguments.of("http://host/asdf%25%32%35asd", "http://host/asdf%25asd"),
                Arguments.of("http://host/%%%25%32%35asd%%", "http://host/%25%25%25asd%25%25"),
                Arguments.of("http://www.google.com/", "http://www.google.com/"),
                Arguments.of(
                        "http://%31%36%38%2e%31%38%38%2e%39%39%2e%32%36/%2E%73%65%63%75%72%65/%77%77%77%2E%65%62%61%79%2E%63%6F%6D/",
                        "http://168.188.99.26/.secure/www.ebay.com/"),
                Arguments.of(
                        "http://195.127.0.11/uploads/%20%20%20%20/.verify/.eBaysecure=updateuserdataxplimnbqmn-xplmvalidateinfoswqpcmlx=hgplmcx/",
                        "http://195.127.0.11/uploads/%20%20%20%20/.verify/.eBaysecure=updateuserdataxplimnbqmn-xplmvalidateinfoswqpcmlx=hgplmcx/"),
                Arguments.of("http://3279880203/blah", "http://195.127.0.11/blah"),
                Arguments.of("http://www.google.com/blah/..", "http://www.google.com/"),
                Arguments.of("www.google.com/", "http://www.google.com/"),
                Arguments.of("www.google.com", "http://www.google.com/"),
                Arguments.of("http://www.evil.com/blah#frag", "http://www.evil.com/blah"),
                Arguments.of("http://www.GOOgle.com/", "http://www.google.com/"),
                Arguments.of("http://www.google.com.../", "http://www.google.com/"),
                Arguments.of("http://www.google.com/foo\tbar\rbaz\n2", "http://www.google.com/foobarbaz2"),
                Arguments.of("http://www.google.com/q?", "http://www.google.com/q?"),
                Arguments.of("http://www.google.com/q?r?", "http://www.google.com/q?r?"),
                Arguments.of("http://www.google.com/q?r?s", "http://www.google.com/q?r?s"),
                Arguments.of("http://evil.com/foo#bar#baz", "http://evil.com/foo"),
                Arguments.of("http://evil.com/foo;", "http://evil.com/foo;"),
                Arguments.of("http://evil.com/foo?bar;", "http://evil.com/foo?bar;"),
                Arguments.of("http://notrailingslash.com", "http://notrailingslash.com/"),
                Arguments.of("http://www.gotaport.com:1234/", "http://www.gotaport.com/"),
                Arguments.of("  http://www.google.com/  ", "http://www.google.com/"),
                Arguments.of("https://www.securesite.com/", "https://www.securesite.com/"),
                Arguments.of("http://host.com/ab%23cd", "http://host.com/ab%23cd"),
                Arguments.of("http://host.com//twoslashes?more//slashes", "http://host.com/twoslashes?more//slashes"),
                // The spec's host "host%23.com" is rejected (see hostsThatAreNoNameDiverge); its
                // path, the point of that example, is checked here on a plain host.
                Arguments.of(
                        "http://host.com/%257Ea%2521b%2540c%2523d%2524e%25f%255E00%252611%252A22%252833%252944_55%252B",
                        "http://host.com/~a!b@c%23d$e%25f^00&11*22(33)44_55+"));
    }

    @ParameterizedTest
    @MethodSource("specPairs")
    void specExampleCanonicalisesAsTheSpecSays(String input, String expected) throws Exception {
        CanonicalUrl url = UrlCanonicalizer.canonicalize(input);

        assertThat(url.scheme() + "://" + url.expression()).isEqualTo(expected);
    }

    /**
     * Deliberate divergence: the spec escapes these hosts ("http://%20leadingspace.com/",
     * "http://host%23.com/...", "http://%01%80.com/"); we reject them, because a host that is no
     * domain name cannot be looked up, so no client reaches it and no list entry can mean it.
     */
    @ParameterizedTest
    @MethodSource("hostsThatAreNoName")
    void hostsThatAreNoNameDiverge(String input) {
        assertThatThrownBy(() -> UrlCanonicalizer.canonicalize(input))
                .isInstanceOf(InvalidUrlException.class)
                .hasMessageStartingWith("host: ");
    }

    static Stream<String> hostsThatAreNoName() {
        return Stream.of(
                "http://host%23.com/%257Ea%2521b%2540c%2523d%2524e%25f%255E00%252611%252A22%252833%252944_55%252B",
                "http://\u0001\u0080.com/",
                "http://%01%80.com/",
                "http:// leadingspace.com/",
                "http://%20leadingspace.com/",
                "%20leadingspace.com/");
    }
}
