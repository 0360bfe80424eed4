package org.safegate.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CIDR networks: the messages are what config reports at the operator's file and line. */
class CidrTest {
    @Test
    void cidrContainsItsAddressesOnly() throws Exception {
        Cidr net = Cidr.parse("172.16.0.0/12");
        assertThat(net.contains(InetAddress.getByName("172.31.255.255"))).isTrue();
        assertThat(net.contains(InetAddress.getByName("172.32.0.0"))).isFalse();
        assertThat(net.contains(InetAddress.getByName("::1"))).isFalse();
        assertThat(Cidr.parse("fc00::/7").contains(InetAddress.getByName("fdff::1"))).isTrue();
        assertThat(Cidr.parse("fc00::/7").contains(InetAddress.getByName("fe00::1"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("198.51.100.7"))).isTrue();
        assertThat(Cidr.parse("192.0.2.7/32").contains(InetAddress.getByName("192.0.2.7"))).isTrue();
        assertThat(Cidr.parse("192.0.2.7/32").contains(InetAddress.getByName("192.0.2.6"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0", "10.0.0.0/", "10.0.0.0/33", "::/129", "localhost/8", "10.0.0.0/8x", "10.0.0.0/-1", "/8"})
    void badCidrsAreRefused(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).hasMessage("\"" + text
                + "\" is not a CIDR network (expected: address/prefix-length, like 10.0.0.0/8 or fc00::/7)");
    }

    @Test
    void cidrWithHostBitsNamesTheNetwork() {
        assertThatThrownBy(() -> Cidr.parse("fe80::1/10")).hasMessage("\"fe80::1/10\" has host bits set (expected: fe80:0:0:0:0:0:0:0/10)");
    }

    @Test
    void ipv4MappedNetworkIsTheIpv4NetworkItCarries() {
        assertThat(Cidr.parse("::ffff:192.0.2.0/120")).isEqualTo(Cidr.parse("192.0.2.0/24"));
        assertThatThrownBy(() -> Cidr.parse("::ffff:192.0.2.0/24"))
                .hasMessage("\"::ffff:192.0.2.0/24\" has prefix length 24 (expected: 96..128 for an IPv4-mapped network)");
    }

    @Test
    void bracketsBelongToEndpointsNotNetworks() {
        assertThatThrownBy(() -> Cidr.parse("[fc00::]/7"))
                .hasMessage("\"[fc00::]/7\" is not a CIDR network (expected: address/prefix-length, like 10.0.0.0/8 or fc00::/7)");
    }

    @Test
    void lenientParseTakesABareAddressAsOneHost() {
        assertThat(Cidr.parseLenient("192.0.2.7")).isEqualTo(Cidr.parse("192.0.2.7/32"));
        assertThat(Cidr.parseLenient("::1")).hasToString("0:0:0:0:0:0:0:1/128");
        assertThat(Cidr.parseLenient("10.0.0.0/8")).isEqualTo(Cidr.parse("10.0.0.0/8"));
        assertThatThrownBy(() -> Cidr.parseLenient("localhost"))
                .hasMessage("\"localhost\" is not an address or a CIDR network (expected: like 192.0.2.1, 10.0.0.0/8 or fc00::/7)");
        assertThatThrownBy(() -> Cidr.parseLenient("10.0.0.1/8")).hasMessage("\"10.0.0.1/8\" has host bits set (expected: 10.0.0.0/8)");
    }

    @Test
    void constructorRefusesHostBits() throws Exception {
        InetAddress host = InetAddress.getByName("10.0.0.1");
        assertThatThrownBy(() -> new Cidr(host, 8)).hasMessage("network: 10.0.0.1 has host bits set for /8 (expected: 10.0.0.0)");
        assertThatThrownBy(() -> new Cidr(host, 33)).hasMessage("prefixLength: 33 (expected: 0..32)");
    }
}
