package org.safegate.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.testing.FakeAuthServer;

/**
 * The hybrid design end to end: a URL list names one page of a shared host; DNS steers that host
 * (and only it) to the proxy; the proxy blocks the listed page and relays the rest of the host from
 * the real origin. Zero collateral blocking.
 */
class UrlBlockingIT {
    @TempDir
    static Path dir;
    private static FakeAuthServer upstream;
    private static HttpServer origin;
    private static TestNode node;
    private static HttpClient browser;

    @BeforeAll
    static void start() throws Exception {
        origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.createContext("/", exchange -> {
            byte[] body = ("origin page " + exchange.getRequestURI().getPath()).getBytes(UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        origin.start();
        int port = origin.getAddress().getPort();
        upstream = FakeAuthServer.start();
        upstream.add("shared.test. 300 IN A 127.0.0.1").add("other.test. 300 IN A 127.0.0.1");
        Files.writeString(dir.resolve("urls.txt"), "shared.test/files/bad\n");
        node = TestNode.start(dir, upstream.address(), """
                sources { pages { format = urls, path = "urls.txt", category = malware } }
                proxy {
                  http-ports = [%d]
                  origin-exceptions = ["127.0.0.0/8"]     # the test's origin lives on loopback
                }
                """.formatted(port));
        browser = HttpClient.newBuilder().proxy(ProxySelector.of(node.node().proxyAddress()))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        if (node != null) node.close();
        if (upstream != null) upstream.close();
        if (origin != null) origin.stop(0);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        URI uri = URI.create("http://shared.test:" + origin.getAddress().getPort() + path);
        return browser.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void dnsSteersOnlyTheHostWithListedUrls() throws Exception {
        assertThat(node.dig("shared.test", "A")).doesNotContain("EDE:")
                .containsPattern("shared\\.test\\.\\s+\\d+\\s+IN\\s+A\\s+127\\.0\\.0\\.1");
        assertThat(node.dig("shared.test", "HTTPS")).contains("status: NOERROR").contains("ANSWER: 0");
        assertThat(node.metric("safegate_dns_queries_total{outcome=\"steered\"}")).isGreaterThanOrEqualTo(2);
        node.dig("other.test", "A");
        assertThat(node.metric("safegate_dns_queries_total{outcome=\"steered\"}")).as("other.test is not steered").isEqualTo(2);
    }

    @Test
    void theListedPageIsBlockedAndTheRestOfTheHostRelayed() throws Exception {
        HttpResponse<String> blocked = get("/files/bad");
        assertThat(blocked.statusCode()).isEqualTo(403);
        assertThat(blocked.body()).contains("pages").contains("malware").doesNotContain("origin page");
        assertThat(get("/files/bad/inner?x=1").statusCode()).isEqualTo(403);

        HttpResponse<String> relayed = get("/files/good");
        assertThat(relayed.statusCode()).isEqualTo(200);
        assertThat(relayed.body()).isEqualTo("origin page /files/good");
        assertThat(get("/files/badger").body()).isEqualTo("origin page /files/badger");
    }
}
