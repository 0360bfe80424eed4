package org.safegate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tricky spellings beyond the spec's table; expected values are {@code scheme://expression}. */
class UrlCanonicalizerTest {

    private static String canonical(String input) throws InvalidUrlException {
        CanonicalUrl url = UrlCanonicalizer.canonicalize(input);
        return url.scheme() + "://" + url.expression();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            http://a.test/x%2Fy                     | http://a.test/x/y
            http://a.test/x%2f..%2fy                | http://a.test/y
            http%3A%2F%2Fa.test%2Fb                 | http://a.test/b
            http://a.test/a/%2e%2e/b                | http://a.test/b
            http://a.test/%2E%2e/%2e/c              | http://a.test/c
            http://a.test/a/b/%252e%252E            | http://a.test/a/
            http://a.test/../../x/..                | http://a.test/
            http://a.test/a//b/./../c               | http://a.test/a/c
            http://a.test/a/.                       | http://a.test/a/
            http://a.test/a/..b                     | http://a.test/a/..b
            http://a.test/%7e%7E%c3%BC              | http://a.test/~~%C3%BC
            http://a.test/ü?q=ü                     | http://a.test/%C3%BC?q=%C3%BC
            http://a.test/%zz%4                     | http://a.test/%25zz%254
            http://a.test/p?a/./b/../c//d#x         | http://a.test/p?a/./b/../c//d
            http://a.test/p?x%23y                   | http://a.test/p?x%23y
            HTTPS://A.TEST/P                        | https://a.test/P
            http://u:p@a.test/                      | http://a.test/
            http://0x7f.1/                          | http://127.0.0.1/
            http://0300.0250.0.1/                   | http://192.168.0.1/
            http://012.034.01.055/                  | http://10.28.1.45/
            http://0x12.0x43.0x44.0x01/             | http://18.67.68.1/
            http://12.0x12.01234/                   | http://12.18.2.156/
            http://167838211/                       | http://10.1.2.3/
            http://4294967295/                      | http://255.255.255.255/
            http://0XC3.0x7F.0.013/                 | http://195.127.0.11/
            http://0303.127.11/                     | http://195.127.0.11/
            http://1.2.3.4./                        | http://1.2.3.4/
            http://www.ümlat.test/                  | http://www.xn--mlat-zra.test/
            http://www.%C3%BCmlat.test/             | http://www.xn--mlat-zra.test/
            http://BÜCHER.test/                     | http://xn--bcher-kva.test/
            http://xn--bcher-kva.test/              | http://xn--bcher-kva.test/
            http://a.test./                         | http://a.test/
            http://..a...test../                    | http://a.test/
            http://a.test:/                         | http://a.test/
            a.test:8080/foo.html                    | http://a.test/foo.html
            http://[2001:0DB8:0000:0000:0000:0000:0000:0001]/ | http://[2001:db8::1]/
            http://[2001:470:1:18::114]:8080/a/b    | http://[2001:470:1:18::114]/a/b
            http://[::ffff:1.2.3.4]/                | http://1.2.3.4/
            http://[64:ff9b::102:304]/              | http://1.2.3.4/
            http://[1:0:0:2:0:0:0:3]/               | http://[1:0:0:2::3]/
            http://[1:0:0:2:0:0:3:4]/               | http://[1::2:0:0:3:4]/
            http://[::]/                            | http://[::]/
            http://[::192.9.5.5]/ipng               | http://[::c009:505]/ipng
            ftp://a.test/f                          | ftp://a.test/f
            """)
    void trickySpellingCanonicalises(String input, String expected) throws Exception {
        assertThat(canonical(input)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> port {1}")
    @CsvSource(delimiter = '|', textBlock = """
            http://a.test/          | -1
            http://a.test:80/       | -1
            http://a.test:00080/    | -1
            https://a.test:443/     | -1
            http://a.test:443/      | 443
            https://a.test:80/      | 80
            http://a.test:8080/p    | 8080
            ftp://a.test:21/        | 21
            a.test:80               | -1
            http://[::1]:8443/      | 8443
            """)
    void onlyTheSchemesDefaultPortIsDropped(String input, int port) throws Exception {
        assertThat(UrlCanonicalizer.canonicalize(input).port()).isEqualTo(port);
    }

    /**
     * The spec's "must fail" inputs (no host) and ours; 276.2.3 diverges from the Safe Browsing Go
     * client, which reads it as 20.2.0.3: inet_aton(3) and browsers reject a part over 255.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                  | host: empty
            ':'                                 | host: empty
            /blah                               | host: empty
            '#ref'                              | host: empty
            ?query#ref                          | host: empty
            /blah;param                         | host: empty
            http://#ref                         | host: empty
            http:///blah?query#ref              | host: empty
            http://...                          | host: empty
            mailto:bryner@a.test                | port: not a number
            http:a.test:8080/foo.html           | host: not a domain name or IP address
            a.test:xxyy/foo.html:80             | port: not a number
            http://a.test:0/                    | port: out of range
            http://a.test:65536/                | port: out of range
            http://a.test:99999999999999999999/ | port: out of range
            http://4294967296/                  | host: IPv4 address out of range
            http://276.2.3/                     | host: IPv4 part 1 is over 255
            http://1.2.3.4.5/                   | host: an IPv4 address has at most 4 parts
            http://1.2.3.08/                    | host: not a valid IPv4 address
            http://a.1/                         | host: not a valid IPv4 address
            http://a*b.test/                    | host: not a domain name or IP address
            http://%C3%28.test/                 | host: not valid UTF-8
            http://[1::2::3]/                   | host: not a valid IPv6 address
            http://[12345::]/                   | host: not a valid IPv6 address
            http://[::1/                        | host: not a valid IPv6 address
            http://[::1]x/                      | host: text after the IPv6 address
            http://[1.2.3.4::]/                 | host: not a valid IPv6 address
            http://[fe80::1%25eth0]/            | host: not a valid IPv6 address
            """)
    void unusableUrlIsRejectedNamingThePart(String input, String message) {
        assertThatThrownBy(() -> UrlCanonicalizer.canonicalize(input))
                .isInstanceOf(InvalidUrlException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void messageNamesThePartButNeverQuotesTheUrl() {
        for (String secret : new String[] {
            "http://secret.test:99999/", "http://s*ecret.test/", "http://[secret]/", "http://9999.secret.9/",
            "http://secret\u0085.test/", "http://secret\u2028.test/", "http://x\u200d\u0627secret.test/",
            "http://" + "secret".repeat(11) + ".test/", "http://secret..%00/"}) {
            assertThatThrownBy(() -> UrlCanonicalizer.canonicalize(secret))
                    .isInstanceOf(InvalidUrlException.class)
                    .message()
                    .doesNotContain("secret")
                    .doesNotContain("*")
                    .doesNotContain("9999");
        }
    }

    @Test
    void textIsTakenAsUtf8AndALoneSurrogateStartsNoQuery() throws Exception {
        assertThat(canonical("http://a.test/\uD800x/\uD83D\uDE00")).isEqualTo("http://a.test/%EF%BF%BDx/%F0%9F%98%80");
        assertThat(canonical("http://a.test/%F0%9F%98%80")).isEqualTo("http://a.test/%F0%9F%98%80");
    }

    @Test
    void valueHoldsEachPart() throws Exception {
        CanonicalUrl url = UrlCanonicalizer.canonicalize("HTTP://A.Test:8080//a/./b?x=1#f");

        assertThat(url.scheme()).isEqualTo("http");
        assertThat(url.host()).isEqualTo("a.test");
        assertThat(url.port()).isEqualTo(8080);
        assertThat(url.path()).isEqualTo("/a/b");
        assertThat(url.query()).isEqualTo("x=1");
        assertThat(url.pathAndQuery()).isEqualTo("/a/b?x=1");
        assertThat(url.expression()).isEqualTo("a.test/a/b?x=1");
        assertThat(url).hasToString("http://a.test:8080/a/b?x=1");
        assertThat(UrlCanonicalizer.canonicalize("a.test/p").query()).isNull();
        assertThat(UrlCanonicalizer.canonicalize("a.test/p?").query()).isEmpty();
    }

    @Test
    void equalityCoversEveryPart() throws Exception {
        CanonicalUrl url = UrlCanonicalizer.canonicalize("http://a.test/p?q");

        assertThat(url).isEqualTo(UrlCanonicalizer.canonicalize("HTTP://a.TEST:80/x/../p?q#z"));
        assertThat(url).hasSameHashCodeAs(UrlCanonicalizer.canonicalize("http://a.test/p?q"));
        assertThat(url).isNotEqualTo(UrlCanonicalizer.canonicalize("https://a.test/p?q"));
        assertThat(url).isNotEqualTo(UrlCanonicalizer.canonicalize("http://a.test:81/p?q"));
        assertThat(url).isNotEqualTo(UrlCanonicalizer.canonicalize("http://b.test/p?q"));
        assertThat(url).isNotEqualTo(UrlCanonicalizer.canonicalize("http://a.test/p"));
        assertThat(UrlCanonicalizer.canonicalize("http://a.test/p?")).isNotEqualTo(UrlCanonicalizer.canonicalize("http://a.test/p"));
    }
}
