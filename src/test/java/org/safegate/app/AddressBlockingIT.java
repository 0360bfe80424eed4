package org.safegate.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
 * Address and network entries end to end, over a real upstream (a small authoritative server on
 * port 0) and dig: a name whose answer falls in a listed network is answered as a blocked name,
 * with the EDE of the network's source and legal basis; a CNAME into such a network too; a cached
 * answer is re-checked after a reload lists its address; a {@code proxy-only} source leaves DNS
 * alone but the proxy refuses to connect there.
 */
class AddressBlockingIT {
    @TempDir
    static Path dir;
    private static FakeAuthServer upstream;
    private static TestNode node;
    private static Path ips;

    @BeforeAll
    static void start() throws Exception {
        upstream = FakeAuthServer.start();
        upstream.add("inrange.example. 300 IN A 192.0.2.10")
                .add("inrange6.example. 300 IN AAAA 2001:db8::10")
                .add("alias.example. 300 IN CNAME inrange.example.")
                .add("fine.example. 300 IN A 198.51.100.1")
                .add("later.example. 300 IN A 198.51.100.9")
                .add("registered.example. 300 IN A 203.0.113.5")
                .add("shared.example. 300 IN A 198.51.100.77");
        ips = Files.writeString(dir.resolve("ips.txt"), "# test list\n192.0.2.0/24\n2001:db8::/32\n", UTF_8);
        Files.writeString(dir.resolve("shared.txt"), "198.51.100.77\n", UTF_8);
        String registry = Path.of("blocklists/sample-registry.xml").toAbsolutePath().toString();
        node = TestNode.start(dir, upstream.address(), """
                sources {
                  ips { format = ips, path = "ips.txt", category = "ip-order", mandate = legal-order }
                  shared { format = ips, path = "shared.txt", category = "shared-hosting", ip-entries = proxy-only }
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
    void aNameResolvingIntoAListedNetworkIsBlockedNamingItsSource() throws Exception {
        String out = node.dig("inrange.example", "A");
        assertThat(out).contains("EDE: 16 (Censored)", "source ips; category ip-order")        // the default block answer
                .doesNotContain("192.0.2.10");
        assertThat(node.dig("inrange6.example", "AAAA")).contains("EDE: 16 (Censored)").doesNotContain("2001:db8::10");
        assertThat(node.dig("fine.example", "A")).contains("status: NOERROR", "198.51.100.1").doesNotContain("EDE:");
    }

    @Test
    void anAliasIntoAListedNetworkIsBlocked() throws Exception {
        assertThat(node.dig("alias.example", "A")).contains("EDE: 16 (Censored)", "source ips").doesNotContain("192.0.2.10");
    }

    @Test
    void aRegisterIpRecordBlocksWithItsDecision() throws Exception {
        assertThat(node.dig("registered.example", "A")).contains("EDE: 16 (Censored)", "source register", "basis Роскомнадзор");
    }

    @Test
    void aCachedAnswerIsBlockedOnceAReloadListsItsAddress() throws Exception {
        assertThat(node.dig("later.example", "A")).contains("198.51.100.9").doesNotContain("EDE:");
        Files.writeString(ips, "# test list\n192.0.2.0/24\n2001:db8::/32\n198.51.100.8/31\n", UTF_8);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(node.dig("later.example", "A")).contains("EDE: 16 (Censored)").doesNotContain("198.51.100.9"));
    }

    @Test
    void aProxyOnlySourceLeavesDnsAloneButTheProxyRefusesTheAddress() throws Exception {
        assertThat(node.dig("shared.example", "A")).contains("198.51.100.77").doesNotContain("EDE:");
        HttpClient client = HttpClient.newBuilder().proxy(ProxySelector.of(node.node().proxyAddress()))
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create("http://shared.example/page"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(403);                         // the operator's own policy: no 451
        assertThat(page.body()).contains("shared", "shared-hosting").doesNotContain("198.51.100.77");
    }

    @Test
    void theProxyShowsTheLegalOrderOfAListedNetwork() throws Exception {
        HttpClient client = HttpClient.newBuilder().proxy(ProxySelector.of(node.node().proxyAddress()))
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create("http://registered.example/any"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(451);
        assertThat(page.body()).contains("Роскомнадзор");
    }
}
