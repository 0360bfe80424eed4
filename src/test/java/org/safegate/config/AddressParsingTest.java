package org.safegate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IP literals, endpoints and CIDR networks: literals only, never a name, never a lookup. */
class AddressParsingTest {
    @Test
    void ipLiteralsParse() throws Exception {
        assertThat(IpLiteral.parse("192.0.2.1")).isEqualTo(InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1}));
        assertThat(IpLiteral.parse("0.0.0.0").getHostAddress()).isEqualTo("0.0.0.0");
        assertThat(IpLiteral.parse("2001:db8::1").getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(IpLiteral.parse("[::1]").isLoopbackAddress()).isTrue();
    }

    // "999.1.1.1" and "1.2.3" are the ones the JDK would have sent to DNS (and a wildcard search
    // domain could have answered)
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "999.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.", "", "::g", ".1::", "1:2", "fe80::1%eth0", "١.٢.٣.٤"})
    void nonLiteralsAreRefused(String text) {
        assertThatThrownBy(() -> IpLiteral.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"" + text + "\" is not an IP address literal (expected: like 192.0.2.1 or 2001:db8::1)");
    }

    @Test
    void endpointsParse() {
        assertThat(Endpoint.parse("127.0.0.1:53")).isEqualTo(new Endpoint("127.0.0.1", 53));
        assertThat(Endpoint.parse("[2001:db8::53]:853")).isEqualTo(new Endpoint("2001:db8::53", 853));
        assertThat(Endpoint.parse("[::]:0")).isEqualTo(new Endpoint("::", 0));
        assertThat(Endpoint.parse("[::1]:53").toString()).isEqualTo("[::1]:53");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:", ":53", "localhost:53", "::1:53", "[::1]", "[::1]53", "[127.0.0.1]:53",
            "127.0.0.1:5x", "127.0.0.1:-1", "127.0.0.1:123456", "[localhost]:53"})
    void badEndpointsAreRefused(String text) {
        assertThatThrownBy(() -> Endpoint.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"" + text + "\" is not an endpoint (expected: \"ip:port\" or \"[ipv6]:port\" with a literal address)");
    }

    @Test
    void portAboveRangeSaysSo() {
        assertThatThrownBy(() -> Endpoint.parse("127.0.0.1:65536")).hasMessage("\"127.0.0.1:65536\" has port 65536 (expected: 0..65535)");
    }

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
}
