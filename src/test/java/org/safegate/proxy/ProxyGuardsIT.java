package org.safegate.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.safegate.acl.NetworkSet;

/**
 * What keeps the proxy from being an open relay or a smuggling hop: the SSRF guard in its default
 * settings, request smuggling and ambiguity, the per-client connection limit. After each refusal
 * the proxy still serves a good request.
 */
class ProxyGuardsIT {
    private static ProxyFixture strict;      // default SSRF guard: no exceptions, so 127.0.0.1 origins are refused

    @BeforeAll
    static void start() throws Exception {
        strict = ProxyFixture.start(s -> s.withOriginExceptions(NetworkSet.of()).withMaxConnectionsPerClient(3));
    }

    @AfterAll
    static void stop() throws Exception {
        if (strict != null) strict.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:%d/", "http://[::1]:%d/", "http://www.origin.test:%d/", "http://10.0.0.1/",
            "http://private.origin.test/", "http://169.254.169.254/latest/meta-data/"})
    void ssrfGuardRefusesInternalDestinations(String url) throws Exception {
        int before = strict.auth.totalQueries();
        Curl curl = Curl.run("-i", "-x", strict.proxyUrl(), String.format(url, strict.originPort()));
        assertThat(curl.text()).startsWith("HTTP/1.1 403").contains("destination refused");
        if (url.contains("10.0.0.1") || url.contains("169.254")) assertThat(strict.auth.totalQueries()).isEqualTo(before);
    }

    @Test
    void shortNumericHostIsNeverReadAsAnAddress() throws Exception {
        try (RawClient c = new RawClient(strict.proxy.address())) {      // curl would rewrite 10.1 to 10.0.0.1 itself
            String reply = c.send("GET http://10.1/ HTTP/1.1\r\nHost: 10.1\r\n\r\n").readToClose();
            assertThat(reply).startsWith("HTTP/1.1 400").contains("not a name or an IP address");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "POST http://www.origin.test:%1$d/echo HTTP/1.1\r\nHost: www.origin.test:%1$d\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET http://www.origin.test:%1$d/smuggled HTTP/1.1\r\nHost: www.origin.test:%1$d\r\n\r\n",
        "POST http://www.origin.test:%1$d/echo HTTP/1.1\r\nHost: www.origin.test:%1$d\r\nContent-Length: 4\r\nContent-Length: 4\r\n\r\nabcd",
        "POST http://www.origin.test:%1$d/echo HTTP/1.1\r\nHost: www.origin.test:%1$d\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nabcde",
        "POST http://www.origin.test:%1$d/echo HTTP/1.1\r\nHost: www.origin.test:%1$d\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n",
        "POST http://www.origin.test:%1$d/echo HTTP/1.1\r\nHost: www.origin.test:%1$d\r\nContent-Length : 4\r\n\r\nabcd",
        "GET http://www.origin.test:%1$d/ HTTP/1.1\r\nHost: www.origin.test:%1$d\r\nHost: blocked.legal.test\r\n\r\n",
        "GET http://www.origin.test:%1$d/ HTTP/1.1\r\nHost: blocked.legal.test\r\n\r\n",
        "GET http://user@www.origin.test:%1$d/ HTTP/1.1\r\n\r\n",
        "GET / HTTP/1.1\r\n\r\n",
        "GET https://www.origin.test/ HTTP/1.1\r\nHost: www.origin.test\r\n\r\n",
        "GET http://www.origin.test:%1$d/ HTTP/1.1\nHost: www.origin.test:%1$d\n\n",
    })
    void smugglingAndAmbiguityGet400AndClose(String request) throws Exception {
        try (ProxyFixture loose = ProxyFixture.start()) {
            try (RawClient c = new RawClient(loose.proxy.address())) {
                String reply = c.send(String.format(request, loose.originPort())).readToClose();
                assertThat(reply).startsWith("HTTP/1.1 400").contains("connection: close");
            }
            Curl curl = Curl.run("-x", loose.proxyUrl(), loose.originUrl("www.origin.test", "/after"));
            assertThat(curl.text()).startsWith("hello /after");
        }
    }

    @Test
    void perClientConnectionLimitClosesTheExtraConnection() throws Exception {
        InetAddress me = InetAddress.getByName("127.0.0.1");
        try (RawClient a = new RawClient(strict.proxy.address()); RawClient b = new RawClient(strict.proxy.address());
             RawClient c = new RawClient(strict.proxy.address())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> strict.proxy.openConnections(me) == 3);
            try (RawClient d = new RawClient(strict.proxy.address())) {
                assertThat(d.readToClose()).isEmpty();
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> strict.proxy.openConnections(me) == 0);
        Curl curl = Curl.run("-i", "-x", strict.proxyUrl(), "http://blocked.ads.test/");
        assertThat(curl.text()).startsWith("HTTP/1.1 403 Forbidden");
    }

    @Test
    void httpToAPortNotAllowedIsRefused() throws Exception {
        try (ProxyFixture loose = ProxyFixture.start(s -> s.withPorts(Set.of(80), Set.of(443)))) {
            Curl curl = Curl.run("-i", "-x", loose.proxyUrl(), loose.originUrl("www.origin.test", "/"));
            assertThat(curl.text()).startsWith("HTTP/1.1 403").contains("port not allowed");
        }
    }
}
