package org.safegate.proxy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.proxy.ProxyMetrics.Outcome;

/** The proxy over real sockets, driven by curl where a user would use it. */
class ProxyServerIT {
    private static ProxyFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = ProxyFixture.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (f != null) f.close();
    }

    @Test
    void explicitProxyRelaysLargeBodyByteForByte() throws Exception {
        Curl curl = Curl.run("-x", f.proxyUrl(), f.originUrl("www.origin.test", "/big"));
        assertThat(curl.exit()).as(curl.stderr()).isZero();
        assertThat(Arrays.equals(curl.body(), ProxyFixture.BIG)).as("body identical, %d bytes", curl.body().length).isTrue();
    }

    @Test
    void chunkedResponseIsRelayedByteForByte() throws Exception {
        Curl curl = Curl.run("-x", f.proxyUrl(), "-D", "/dev/stderr", f.originUrl("www.origin.test", "/chunked"));
        assertThat(curl.exit()).as(curl.stderr()).isZero();
        assertThat(curl.stderr()).containsIgnoringCase("transfer-encoding: chunked");
        assertThat(Arrays.equals(curl.body(), ProxyFixture.BIG)).isTrue();
    }

    @Test
    void severalRequestsShareOneClientConnection() throws Exception {
        Curl curl = Curl.run("-x", f.proxyUrl(), "-w", " connects=%{num_connects}\n",
                f.originUrl("www.origin.test", "/a"), f.originUrl("www.origin.test", "/b"), f.originUrl("other.origin.test", "/c"));
        assertThat(curl.exit()).as(curl.stderr()).isZero();
        assertThat(curl.text()).contains("hello /a host=www.origin.test:" + f.originPort() + " via=1.1 safegate connects=1")
                .contains("hello /b host=www.origin.test:" + f.originPort() + " via=1.1 safegate connects=0")
                .contains("hello /c host=other.origin.test:" + f.originPort() + " via=1.1 safegate connects=0");
    }

    @Test
    void requestBodyStreamsToTheOrigin(@TempDir Path dir) throws Exception {
        Path upload = Files.write(dir.resolve("upload.bin"), ProxyFixture.pattern(2 * 1024 * 1024 + 5));
        Curl curl = Curl.run("-x", f.proxyUrl(), "-v", "--data-binary", "@" + upload, f.originUrl("www.origin.test", "/echo"));
        assertThat(curl.exit()).as(curl.stderr()).isZero();
        assertThat(Arrays.equals(curl.body(), Files.readAllBytes(upload))).as("%d bytes; %s", curl.body().length, curl.stderr()).isTrue();
    }

    @Test
    void legalOrderGets451NamingTheLegalBasis() throws Exception {
        long before = f.proxy.metrics().count(Outcome.BLOCKED);
        Curl curl = Curl.run("-x", f.proxyUrl(), "-i", "http://www.blocked.legal.test/some/page");
        assertThat(curl.text()).startsWith("HTTP/1.1 451 Unavailable For Legal Reasons")
                .contains("link: <https://operator.example/blocked>; rel=\"blocked-by\"")
                .contains("court-orders", "Test Court", "12/2024", "2024-01-02", "Example Operator")
                .doesNotContain("blocked.legal.test");      // neither the matched entry nor the request is echoed
        assertThat(f.proxy.metrics().count(Outcome.BLOCKED)).isEqualTo(before + 1);
    }

    @Test
    void operatorBlockGets403() throws Exception {
        Curl curl = Curl.run("-x", f.proxyUrl(), "-i", "http://blocked.ads.test/");
        assertThat(curl.text()).startsWith("HTTP/1.1 403 Forbidden").contains("advertising", "Example Operator").doesNotContain("rel=\"blocked-by\"");
    }

    @Test
    void transparentSteeredHostIsRelayed() throws Exception {
        String to = "steered.origin.test:" + f.originPort() + ":127.0.0.1:" + f.proxy.address().getPort();
        Curl curl = Curl.run("--connect-to", to, f.originUrl("steered.origin.test", "/page?q=1"));
        assertThat(curl.exit()).as(curl.stderr()).isZero();
        assertThat(curl.text()).isEqualTo("hello /page?q=1 host=steered.origin.test:" + f.originPort() + " via=1.1 safegate");
    }

    @Test
    void transparentHostNotSteeredGets403() throws Exception {
        String to = "www.origin.test:" + f.originPort() + ":127.0.0.1:" + f.proxy.address().getPort();
        Curl curl = Curl.run("-i", "--connect-to", to, f.originUrl("www.origin.test", "/"));
        assertThat(curl.text()).startsWith("HTTP/1.1 403").contains("not steered");
    }

    @Test
    void connectTunnelToAnAllowedPortIsRelayed() throws Exception {
        Curl curl = Curl.run("-p", "-x", f.proxyUrl(), f.originUrl("www.origin.test", "/tunnelled"));
        assertThat(curl.exit()).as(curl.stderr()).isZero();
        assertThat(curl.text()).startsWith("hello /tunnelled").doesNotContain("via=1.1 safegate");   // bytes, not HTTP, went through us
    }

    @Test
    void connectToPort22IsRefused() throws Exception {
        try (RawClient c = new RawClient(f.proxy.address())) {
            String reply = c.send("CONNECT www.origin.test:22 HTTP/1.1\r\nHost: www.origin.test:22\r\n\r\n").readToClose();
            assertThat(reply).startsWith("HTTP/1.1 403");
        }
        assertServesGoodRequest();
    }

    @Test
    void clientOutsideAllowedNetworksIsRefused() throws Exception {
        try (ProxyFixture only1 = ProxyFixture.start(s -> s.withAllowedClients(org.safegate.acl.NetworkSet.of("127.0.0.1/32")))) {
            try (RawClient c = new RawClient(only1.proxy.address(), InetAddress.getByName("127.0.0.2"))) {
                String reply = c.send("GET " + only1.originUrl("www.origin.test", "/") + " HTTP/1.1\r\nHost: www.origin.test:"
                        + only1.originPort() + "\r\n\r\n").readToClose();
                assertThat(reply).isEmpty();
            }
            Curl curl = Curl.run("-x", only1.proxyUrl(), only1.originUrl("www.origin.test", "/ok"));
            assertThat(curl.text()).startsWith("hello /ok");
        }
    }

    @Test
    void oversizedHeaderGets431() throws Exception {
        try (RawClient c = new RawClient(f.proxy.address())) {
            String reply = c.send("GET " + f.originUrl("www.origin.test", "/") + " HTTP/1.1\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n")
                    .readToClose();
            assertThat(reply).startsWith("HTTP/1.1 431");
        }
        assertServesGoodRequest();
    }

    @Test
    void metricsCountRelayedRequestsAndBytes() throws Exception {
        long before = f.proxy.metrics().count(Outcome.RELAYED);
        Curl.run("-x", f.proxyUrl(), f.originUrl("www.origin.test", "/big"));
        // counted just after the last write, which curl may see first
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(f.proxy.metrics().count(Outcome.RELAYED)).isGreaterThan(before));
        assertThat(f.registry.scrape().stream().map(s -> s.getMetadata().getPrometheusName()))
                .contains("safegate_proxy_requests", "safegate_proxy_relayed_bytes", "safegate_proxy_origin_errors",
                        "safegate_proxy_request_duration_seconds");
    }

    private static void assertServesGoodRequest() throws Exception {
        Curl curl = Curl.run("-x", f.proxyUrl(), f.originUrl("www.origin.test", "/still-fine"));
        assertThat(curl.text()).startsWith("hello /still-fine");
    }

    static String ascii(byte[] bytes) {
        return new String(bytes, UTF_8);
    }
}
