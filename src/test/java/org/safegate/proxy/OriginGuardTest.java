package org.safegate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.safegate.acl.IpLiteral;
import org.safegate.acl.NetworkSet;

class OriginGuardTest {
    private static final InetSocketAddress BOUND = new InetSocketAddress(IpLiteral.parse("127.0.0.1"), 3128);

    private static InetSocketAddress at(String ip, int port) {
        return new InetSocketAddress(IpLiteral.parse(ip), port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1",
            "0.0.0.0", "224.0.0.1", "::1", "::", "fe80::1", "fd00::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1"})
    void refusesInternalAddressesByDefault(String ip) {
        assertThat(new OriginGuard(NetworkSet.of(), List.of(BOUND)).refusal(at(ip, 80))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1", "198.51.100.7", "2001:db8::1", "8.8.8.8"})
    void allowsPublicAddresses(String ip) {
        assertThat(new OriginGuard(NetworkSet.of(), List.of(BOUND)).refusal(at(ip, 80))).isNull();
    }

    @Test
    void exceptionsOpenANetworkButNeverTheProxyItself() {
        OriginGuard guard = new OriginGuard(NetworkSet.of("127.0.0.0/8"), List.of(BOUND, at("127.0.0.1", 443)));
        assertThat(guard.refusal(at("127.0.0.1", 8080))).isNull();
        assertThat(guard.refusal(at("127.0.0.1", 3128))).isEqualTo("the proxy itself");
        assertThat(guard.refusal(at("127.0.0.1", 443))).isEqualTo("the proxy itself");
        assertThat(guard.refusal(at("10.0.0.1", 80))).isNotNull();
    }

    @Test
    void wildcardBindCountsEveryLocalAddressAsOurs() {
        OriginGuard guard = new OriginGuard(NetworkSet.of("127.0.0.0/8"), List.of(new InetSocketAddress(IpLiteral.parse("0.0.0.0"), 3128)));
        assertThat(guard.refusal(at("127.0.0.1", 3128))).isEqualTo("the proxy itself");
    }
}
