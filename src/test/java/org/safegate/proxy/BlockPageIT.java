package org.safegate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The block page as curl gets it: through the proxy in each language, on the block-page listener
 * (where DNS sends whole-domain blocks), and the fast failure a blocked HTTPS host gets instead.
 */
class BlockPageIT {
    private static ProxyFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = ProxyFixture.start(s -> s.withTlsListen(new InetSocketAddress("127.0.0.1", 0))
                .withBlockPage(s.blockPage().withListen(new InetSocketAddress("127.0.0.1", 0)), s.blockedByUri()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (f != null) f.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "en-GB,en;q=0.9      | en | This page is unavailable for legal reasons  | Authority",
            "ru-RU,ru;q=0.9,en   | ru | Доступ к этой странице ограничен           | Орган",
            "kk-KZ,kk;q=0.9,ru   | kk | Бұл бетке кіру заң талабы бойынша шектелген | Шешім"})
    void legalOrderPageThroughTheProxyInEachLanguage(String acceptLanguage, String tag, String heading, String label) throws Exception {
        Curl curl = Curl.run("-i", "-x", f.proxyUrl(), "-H", "Accept-Language: " + acceptLanguage, "http://www.blocked.legal.test/a?b=<c>");
        assertThat(curl.exit()).as(curl.stderr()).isZero();
        assertThat(curl.text()).startsWith("HTTP/1.1 451 Unavailable For Legal Reasons")
                .contains("content-language: " + tag, "vary: accept-language", "rel=\"blocked-by\"")
                .contains(heading, label, "Test Court", "12/2024", "2024-01-02", "court-orders", "Example Operator", "help@operator.example")
                .doesNotContain("<c>", "blocked.legal.test");
    }

    /** A browser loading a blocked page and then other pages keeps its connection: no reconnect per block. */
    @Test
    void aBlockPageKeepsTheConnectionForTheNextRequests() throws Exception {
        Curl curl = Curl.run("-x", f.proxyUrl(), "-w", "%{http_code} %{num_connects}\\n",
                "-o", "/dev/null", "http://www.blocked.legal.test/a",
                "-o", "/dev/null", "http://blocked.ads.test/b",
                "-o", "/dev/null", f.originUrl("www.origin.test", "/page"));
        assertThat(curl.exit()).as(curl.stderr()).isZero();
        assertThat(curl.text().lines().toList()).containsExactly("451 1", "403 0", "200 0");
    }

    /** A request with a body is answered and the connection closed: its body is never read. */
    @Test
    void aBlockedRequestWithABodyClosesTheConnection() throws Exception {
        Curl curl = Curl.run("-x", f.proxyUrl(), "-w", "%{http_code} %{num_connects}\\n",
                "-o", "/dev/null", "--data", "x=1", "http://www.blocked.legal.test/a",
                "-o", "/dev/null", "http://blocked.ads.test/b");
        assertThat(curl.text().lines().toList()).containsExactly("451 1", "403 1");
    }

    @Test
    void blockPageListenerServesTheSamePageForTheBlockedHost() throws Exception {
        Curl viaProxy = Curl.run("-x", f.proxyUrl(), "-H", "Accept-Language: ru", "http://blocked.ads.test/");
        Curl direct = Curl.run("-i", "-H", "Accept-Language: ru", "--connect-to", "blocked.ads.test:80:" + pageAddress(),
                "http://blocked.ads.test/");
        assertThat(direct.text()).startsWith("HTTP/1.1 403 Forbidden").contains("content-language: ru")
                .endsWith(viaProxy.text()).contains("advertising", "Эта страница заблокирована");
    }

    @Test
    void blockPageListenerAnswers404ForAnythingNotBlockedAndNeverRelays() throws Exception {
        Curl transparent = Curl.run("-i", "--connect-to", "www.origin.test:" + f.originPort() + ":" + pageAddress(),
                f.originUrl("www.origin.test", "/page"));
        assertThat(transparent.text()).startsWith("HTTP/1.1 404").doesNotContain("hello");
        Curl asProxy = Curl.run("-i", "-x", "http://" + pageAddress(), f.originUrl("steered.origin.test", "/page"));
        assertThat(asProxy.text()).startsWith("HTTP/1.1 404").doesNotContain("hello");
    }

    @Test
    void blockPageListenerRejectsAMalformedRequest() throws Exception {
        try (RawClient c = new RawClient(f.proxy.blockPageAddress().orElseThrow())) {
            assertThat(c.send("GET / HTTP/1.1\r\nHost: blocked.ads.test\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n").readToClose())
                    .startsWith("HTTP/1.1 400");
        }
    }

    /** CONNECT to a blocked host is answered at once with the block status; curl reports the failed tunnel. */
    @Test
    void httpsThroughTheProxyToABlockedHostFailsAtOnce() throws Exception {
        Curl curl = Curl.run("-x", f.proxyUrl(), "https://www.blocked.legal.test/");
        assertThat(curl.exit()).as("CURLE_RECV_ERROR").isEqualTo(56);
        assertThat(curl.stderr()).contains("CONNECT tunnel failed, response 451");
    }

    /** Transparent TLS for a blocked name: the connection is closed during the handshake, no tunnel left open. */
    @Test
    void transparentTlsToABlockedHostFailsTheHandshake() throws Exception {
        int tls = f.proxy.tlsAddress().orElseThrow().getPort();
        Curl curl = Curl.run("--connect-to", "www.blocked.legal.test:443:127.0.0.1:" + tls, "https://www.blocked.legal.test/");
        assertThat(curl.exit()).as("CURLE_SSL_CONNECT_ERROR: %s", curl.stderr()).isEqualTo(35);
    }

    private static String pageAddress() {
        return "127.0.0.1:" + f.proxy.blockPageAddress().orElseThrow().getPort();
    }
}
