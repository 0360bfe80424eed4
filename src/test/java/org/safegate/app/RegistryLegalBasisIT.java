package org.safegate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.testing.FakeAuthServer;

/**
 * A regulator's register dump as a source, end to end: each record's decision is the legal basis
 * the resolver gives in its Extended DNS Error (16, Censored), as dig shows it; URL records steer
 * their host to the proxy instead of blocking it; the proxy's block page names the same decision.
 */
class RegistryLegalBasisIT {
    @TempDir
    static Path dir;
    private static FakeAuthServer upstream;
    private static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        upstream = FakeAuthServer.start();
        upstream.add("films.example. 300 IN A 192.0.2.80");
        String registry = Path.of("blocklists/sample-registry.xml").toAbsolutePath().toString();
        node = TestNode.start(dir, upstream.address(), """
                sources {
                  register { format = registry-xml, path = "%s", category = register, mandate = legal-order, precedence = 100 }
                }
                """.formatted(registry));
    }

    @AfterAll
    static void stop() {
        if (node != null) node.close();
        if (upstream != null) upstream.close();
    }

    @Test
    void aDomainRecordIsBlockedNamingItsDecision() throws Exception {
        String out = node.dig("rally.test", "A");
        assertThat(out).contains("EDE: 16 (Censored)").contains("source register").contains("27-31-2026");
    }

    @Test
    void aMaskRecordBlocksTheDomainAndBelow() throws Exception {
        assertThat(node.dig("www.casino.example", "A")).contains("EDE: 16 (Censored)").contains("2-1566/2026");
        assertThat(node.dig("casino.example", "A")).contains("EDE: 16 (Censored)");
    }

    @Test
    void theProxysBlockPageNamesAuthorityNumberAndDate() throws Exception {
        HttpClient client = HttpClient.newBuilder().proxy(ProxySelector.of(node.node().proxyAddress()))
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create("http://rally.test/any/page"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(451);                       // RFC 7725: a legal order
        assertThat(page.headers().firstValue("link")).hasValueSatisfying(v -> assertThat(v).contains("rel=\"blocked-by\""));
        assertThat(page.body()).contains("Генпрокуратура").contains("27-31-2026/Ид2971-26").contains("2026-11-04");
    }

    @Test
    void aUrlRecordsPageIsBlockedByTheProxyNamingItsDecision() throws Exception {
        HttpClient client = HttpClient.newBuilder().proxy(ProxySelector.of(node.node().proxyAddress()))
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create("http://films.example/download/27558"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(451);
        assertThat(page.body()).contains("Мосгорсуд").contains("2026-10-28");
    }

    @Test
    void aUrlRecordSteersItsHostToTheProxyWithoutBlockingIt() throws Exception {
        String out = node.dig("films.example", "A");
        assertThat(out).doesNotContain("EDE:").containsPattern("films\\.example\\.\\s+\\d+\\s+IN\\s+A\\s+127\\.0\\.0\\.1");
        assertThat(out).doesNotContain("192.0.2.80");
    }
}
