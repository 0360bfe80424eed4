package org.safegate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.safegate.proxy.ProxyMetrics.Outcome;

/**
 * The proxy refuses to connect to an origin whose address lies in a blocked network, with the
 * block page of the network's rule (here a legal order: 451 with its legal basis), for a relayed
 * host, an IP literal and a CONNECT alike; driven by curl.
 */
class ProxyAddressBlockIT {
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
    void aHostResolvingIntoAListedNetworkGetsTheBlockPageOfItsRule() throws Exception {
        long before = f.proxy.metrics().count(Outcome.BLOCKED);
        Curl curl = Curl.run("-x", f.proxyUrl(), "-i", f.originUrl("listed.origin.test", "/page"));
        assertThat(curl.text()).startsWith("HTTP/1.1 451 Unavailable For Legal Reasons")
                .contains(ProxyFixture.LEGAL_BASIS_ON_PAGE)
                .doesNotContain("127.0.0.6");             // the listed network is not shown
        assertThat(f.proxy.metrics().count(Outcome.BLOCKED)).isEqualTo(before + 1);
        // the same origin under an unlisted address is relayed
        Curl allowed = Curl.run("-x", f.proxyUrl(), f.originUrl("www.origin.test", "/page"));
        assertThat(allowed.text()).startsWith("hello /page");
    }

    @Test
    void anIpLiteralInAListedNetworkIsBlockedToo() throws Exception {
        Curl curl = Curl.run("-x", f.proxyUrl(), "-i", "http://127.0.0.66:" + f.originPort() + "/");
        assertThat(curl.text()).startsWith("HTTP/1.1 451 Unavailable For Legal Reasons")
                .contains(ProxyFixture.LEGAL_BASIS_ON_PAGE);
    }

    @Test
    void aTunnelToAListedAddressIsRefusedWithTheBlockPage() throws Exception {
        Curl curl = Curl.run("-x", f.proxyUrl(), "-p", "-v", "http://listed.origin.test:" + f.originPort() + "/");
        assertThat(curl.exit()).isNotZero();
        assertThat(curl.stderr()).contains("451");
    }
}
