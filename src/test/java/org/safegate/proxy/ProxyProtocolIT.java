package org.safegate.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.safegate.proxy.ProxyMetrics.Outcome;

/** HTTP details a relay must get right: Upgrade, HEAD, close-delimited bodies, origin failures, idle clients. */
class ProxyProtocolIT {
    private static RawOrigin raw;
    private static ProxyFixture f;

    @BeforeAll
    static void start() throws Exception {
        raw = new RawOrigin();
        f = ProxyFixture.start(s -> {
            Set<Integer> http = new java.util.HashSet<>(s.httpPorts());
            http.addAll(Set.of(raw.port(), 1));
            return s.withPorts(http, s.connectPorts());
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (f != null) f.close();
        if (raw != null) raw.close();
    }

    @Test
    void websocketUpgradeBecomesAByteTunnel() throws Exception {
        try (RawClient c = new RawClient(f.proxy.address())) {
            String head = c.send("GET http://www.origin.test:" + raw.port() + "/ws HTTP/1.1\r\nHost: www.origin.test:" + raw.port()
                    + "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n\r\n").readUntil("\r\n\r\n");
            assertThat(head).startsWith("HTTP/1.1 101").containsIgnoringCase("upgrade: websocket");
            assertThat(c.send("\u0081\u0005hello, not HTTP\r\n\r\n").readUntil("not HTTP\r\n\r\n")).isEqualTo("\u0081\u0005hello, not HTTP\r\n\r\n");
            assertThat(c.send("second frame").readUntil("frame")).isEqualTo("second frame");
        }
    }

    @Test
    void closeDelimitedHttp10BodyIsChunkedToTheClientWhichKeepsItsConnection() throws Exception {
        String url = "http://www.origin.test:" + raw.port() + "/http10";
        Curl curl = Curl.run("-x", f.proxyUrl(), "-D", "/dev/stderr", "-w", "connects=%{num_connects}\n", url, url);
        assertThat(curl.exit()).as(curl.stderr()).isZero();
        assertThat(curl.stderr()).containsIgnoringCase("transfer-encoding: chunked");
        assertThat(curl.text()).isEqualTo(RawOrigin.HTTP10_BODY + "connects=1\n" + RawOrigin.HTTP10_BODY + "connects=0\n");
    }

    @Test
    void aClientThatDoesNotReadStopsTheOrigin() throws Exception {
        try (RawClient c = new RawClient(f.proxy.address())) {
            c.send("GET http://www.origin.test:" + raw.port() + "/endless HTTP/1.1\r\nHost: www.origin.test:" + raw.port() + "\r\n\r\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> raw.endlessSent() > 0);
            // Without back-pressure the proxy would take the origin's 1 GiB into memory in well under a
            // second on loopback; with it, only socket buffers and one read in flight fill up.
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> raw.endlessSent() < 32L << 20);
        }
    }

    @Test
    void headResponseHasNoBodyAndTheConnectionStaysUsable() throws Exception {
        String url = "http://www.origin.test:" + raw.port() + "/chunked-head";
        Curl curl = Curl.run("-x", f.proxyUrl(), "-I", "-w", "connects=%{num_connects}\n", url, url, f.originUrl("www.origin.test", "/"));
        assertThat(curl.exit()).as(curl.stderr()).isZero();
        // Netty's client decoder drops Transfer-Encoding from a HEAD response; what matters is that no
        // chunk terminator follows the head, or the next response on this connection would be garbage
        assertThat(curl.text()).startsWith("HTTP/1.1 200").doesNotContain("\r\n0\r\n").endsWith("connects=0\n");
    }

    @Test
    void unknownOriginNameGets502() throws Exception {
        long before = f.proxy.metrics().originErrors();
        Curl curl = Curl.run("-i", "-x", f.proxyUrl(), "http://nowhere.origin.test/");
        assertThat(curl.text()).startsWith("HTTP/1.1 502").contains("does not exist");
        assertThat(f.proxy.metrics().originErrors()).isEqualTo(before + 1);
    }

    @Test
    void originRefusingConnectionsGets502AndCountsAnOriginError() throws Exception {
        long before = f.proxy.metrics().count(Outcome.ERROR);
        long originErrors = f.proxy.metrics().originErrors();
        Curl curl = Curl.run("-i", "-x", f.proxyUrl(), "http://www.origin.test:1/");
        assertThat(curl.text()).startsWith("HTTP/1.1 502").contains("refused the connection");
        assertThat(f.proxy.metrics().count(Outcome.ERROR)).isEqualTo(before + 1);
        assertThat(f.proxy.metrics().originErrors()).isEqualTo(originErrors + 1);
    }

    @Test
    void idleClientIsClosed() throws Exception {
        try (ProxyFixture quick = ProxyFixture.start(s -> s.withIdleTimeout(Duration.ofMillis(300)));
             RawClient c = new RawClient(quick.proxy.address())) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(c.readToClose()).isEmpty());
        }
    }
}
