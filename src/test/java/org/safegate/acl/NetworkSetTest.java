package org.safegate.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class NetworkSetTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void ipv4NetworkHoldsItsAddressesOnly() throws Exception {
        NetworkSet set = NetworkSet.of("10.0.0.0/8", "192.168.1.0/24");
        assertThat(set.contains(ip("10.0.0.0"))).isTrue();
        assertThat(set.contains(ip("10.255.255.255"))).isTrue();
        assertThat(set.contains(ip("11.0.0.0"))).isFalse();
        assertThat(set.contains(ip("9.255.255.255"))).isFalse();
        assertThat(set.contains(ip("192.168.1.77"))).isTrue();
        assertThat(set.contains(ip("192.168.2.1"))).isFalse();
        assertThat(set.contains(ip("::1"))).isFalse();
        assertThat(set.contains(null)).isFalse();
    }

    @Test
    void bareAddressIsOneHost() throws Exception {
        NetworkSet set = NetworkSet.of("127.0.0.1", "::1");
        assertThat(set.contains(ip("127.0.0.1"))).isTrue();
        assertThat(set.contains(ip("127.0.0.2"))).isFalse();
        assertThat(set.contains(ip("::1"))).isTrue();
        assertThat(set.contains(ip("::2"))).isFalse();
        assertThat(set.networks()).containsExactly("127.0.0.1/32", "0:0:0:0:0:0:0:1/128");
    }

    @Test
    void highAddressesCompareUnsigned() throws Exception {
        NetworkSet set = NetworkSet.of("200.0.0.0/8", "ff00::/8");
        assertThat(set.contains(ip("200.1.2.3"))).isTrue();
        assertThat(set.contains(ip("100.1.2.3"))).isFalse();
        assertThat(set.contains(ip("ff02::1"))).isTrue();
        assertThat(set.contains(ip("fe80::1"))).isFalse();
    }

    @Test
    void zeroPrefixHoldsEveryAddressOfItsFamily() throws Exception {
        NetworkSet v4 = NetworkSet.of("0.0.0.0/0");
        assertThat(v4.contains(ip("255.255.255.255"))).isTrue();
        assertThat(v4.contains(ip("2001:db8::1"))).isFalse();
        NetworkSet v6 = NetworkSet.of("::/0");
        assertThat(v6.contains(ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"))).isTrue();
        assertThat(v6.contains(ip("1.2.3.4"))).isFalse();
    }

    @Test
    void ipv4MappedAddressesAreIpv4() throws Exception {
        NetworkSet set = NetworkSet.of("10.0.0.0/8", "::ffff:192.0.2.0/120");
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 1, 2, 3};
        assertThat(set.contains(Inet6Address.getByAddress(null, mapped, -1))).isTrue();
        assertThat(set.contains(ip("192.0.2.9"))).isTrue();
        assertThat(set.networks()).containsExactly("10.0.0.0/8", "192.0.2.0/24");
    }

    @Test
    void overlappingNetworksMerge() throws Exception {
        NetworkSet set = NetworkSet.of("10.1.0.0/16", "10.0.0.0/8", "10.2.3.0/24", "11.0.0.0/8");
        assertThat(set.contains(ip("10.200.0.1"))).isTrue();
        assertThat(set.contains(ip("11.200.0.1"))).isTrue();
        assertThat(set.contains(ip("12.0.0.0"))).isFalse();
    }

    @Test
    void emptySetHoldsNothing() throws Exception {
        NetworkSet set = NetworkSet.parse(List.of());
        assertThat(set.isEmpty()).isTrue();
        assertThat(set.contains(ip("127.0.0.1"))).isFalse();
    }

    @Test
    void badEntriesAreAllNamedWithWhatWasExpected() {
        assertThatThrownBy(() -> NetworkSet.of("10.0.0.0/8", "10.0.0.0/33", "300.1.1.1", "10.0.0.1/8", "::1/129",
                "example.test", "10.0.0.0/x", "010.0.0.0/8", "fe80::1%eth0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1] \"10.0.0.0/33\" is not a CIDR network (expected: address/prefix-length")
                .hasMessageContaining("[2] \"300.1.1.1\" is not an address or a CIDR network")
                .hasMessageContaining("[3] \"10.0.0.1/8\" has host bits set (expected: 10.0.0.0/8)")
                .hasMessageContaining("[4] \"::1/129\" is not a CIDR network")
                .hasMessageContaining("[5] \"example.test\" is not an address or a CIDR network")
                .hasMessageContaining("[6] \"10.0.0.0/x\" is not a CIDR network")
                .hasMessageContaining("[7] \"010.0.0.0/8\" is not a CIDR network")
                .hasMessageContaining("[8] \"fe80::1%eth0\" is not an address or a CIDR network")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("[0]"));
    }

    @Test
    void namesAreNeverLookedUp() {
        // ".x:" starts like no literal: the JDK would resolve it as a host name; we refuse first
        assertThatThrownBy(() -> NetworkSet.of(".x:1")).hasMessageContaining("is not an address or a CIDR network");
        assertThatThrownBy(() -> NetworkSet.of("localhost")).hasMessageContaining("is not an address or a CIDR network");
    }

    @Property(tries = 500)
    void ipv4MembershipMatchesArithmetic(@ForAll int network, @ForAll @IntRange(min = 0, max = 32) int prefix, @ForAll int probe)
            throws Exception {
        long mask = prefix == 0 ? 0 : (0xffff_ffffL << (32 - prefix)) & 0xffff_ffffL;
        long net = (network & 0xffff_ffffL) & mask;
        NetworkSet set = NetworkSet.of(v4(net) + "/" + prefix);
        boolean expected = ((probe & 0xffff_ffffL) & mask) == net;
        assertThat(set.contains(ip(v4(probe & 0xffff_ffffL)))).isEqualTo(expected);
        assertThat(set.contains(ip(v4(net)))).isTrue();
        assertThat(set.contains(ip(v4(net | (~mask & 0xffff_ffffL))))).isTrue();
    }

    @Property(tries = 500)
    void ipv6MembershipMatchesArithmetic(@ForAll("v6") BigInteger network, @ForAll @IntRange(min = 0, max = 128) int prefix,
                                         @ForAll("v6") BigInteger probe) throws Exception {
        BigInteger all = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
        BigInteger mask = all.shiftRight(prefix).xor(all);
        BigInteger net = network.and(mask);
        InetAddress netAddress = v6(net);
        if (netAddress.getAddress().length == 4) return;           // a mapped IPv4 network: covered above
        NetworkSet set = NetworkSet.of(netAddress.getHostAddress() + "/" + prefix);
        InetAddress probeAddress = v6(probe);
        if (probeAddress.getAddress().length == 4) return;
        assertThat(set.contains(probeAddress)).isEqualTo(probe.and(mask).equals(net));
        InetAddress last = v6(net.or(mask.xor(all)));
        if (last.getAddress().length == 16) assertThat(set.contains(last)).isTrue();
    }

    @Property(tries = 1000)
    void anyTextIsANetworkOrAnIllegalArgument(@ForAll("cidrish") String text) {
        try {
            NetworkSet.of(text);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("networks: [0] ");
        }
    }

    @Provide
    Arbitrary<BigInteger> v6() {
        return Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE));
    }

    @Provide
    Arbitrary<String> cidrish() {
        return Arbitraries.strings().withChars("0123456789abcdefABCDEF.:/%[]x -").ofMaxLength(45);
    }

    private static String v4(long a) {
        return (a >>> 24 & 255) + "." + (a >>> 16 & 255) + "." + (a >>> 8 & 255) + "." + (a & 255);
    }

    private static InetAddress v6(BigInteger value) throws Exception {
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[16];
        int n = Math.min(raw.length, 16);
        System.arraycopy(raw, raw.length - n, bytes, 16 - n, n);
        return InetAddress.getByAddress(bytes);
    }
}
