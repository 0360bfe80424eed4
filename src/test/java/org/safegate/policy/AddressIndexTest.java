package org.safegate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressIndexTest {
    private static final SourceMeta ADS = new SourceMeta("ads", "ads", Mandate.OPERATOR_POLICY, false, 10);
    private static final SourceMeta ALLOW = new SourceMeta("allow", "allow", Mandate.OPERATOR_POLICY, false, 10);
    private static final SourceMeta REGISTRY = new SourceMeta("registry", "court-order", Mandate.LEGAL_ORDER, false, 100);
    private static final SourceMeta SECRET = new SourceMeta("iwf", "csam", Mandate.LEGAL_ORDER, true, 100);

    private static IpNetwork net(String text) {
        try {
            return IpNetwork.parse(text);
        } catch (InvalidAddressException e) {
            throw new AssertionError(text + ": " + e.getMessage(), e);
        }
    }

    private static AddressList list(Effect effect, String... networks) {
        AddressList.Builder b = new AddressList.Builder();
        for (String n : networks) b.add(net(n), effect);
        return b.build();
    }

    private static SourceRules rules(SourceMeta source, AddressList addresses) {
        return new SourceRules(source, DomainList.empty(), UrlList.empty(), addresses);
    }

    private static Verdict check(Policy p, String address) throws Exception {
        return p.checkAddress(InetAddress.getByName(address));
    }

    @Test
    void aListedNetworkBlocksItsAddressesOnlyWithItsLegalBasis() throws Exception {
        LegalBasis basis = new LegalBasis("Roskomnadzor", "27-31-2015/Id2971", LocalDate.of(2015, 5, 20));
        AddressList listed = new AddressList.Builder().add(net("192.0.2.0/24"), Effect.BLOCK, RuleDetail.of(basis)).build();
        Policy p = Policy.compile(1, List.of(rules(REGISTRY, listed)), Instant.EPOCH);

        Verdict inside = check(p, "192.0.2.77");
        assertThat(inside.action()).isEqualTo(Verdict.Action.BLOCK);
        assertThat(inside.rule().detail().legalBasis()).contains(basis);
        assertThat(inside.matchedAddressEntry()).isTrue();
        assertThat(inside.describe()).contains("address 192.0.2.77", "27-31-2015/Id2971");
        assertThat(check(p, "192.0.2.0").action()).isEqualTo(Verdict.Action.BLOCK);
        assertThat(check(p, "192.0.2.255").action()).isEqualTo(Verdict.Action.BLOCK);
        assertThat(check(p, "192.0.1.255").matched()).isFalse();
        assertThat(check(p, "192.0.3.0").matched()).isFalse();
        assertThat(check(p, "2001:db8::1").matched()).isFalse();
    }

    @Test
    void overlapsRankAsDomainsDo() throws Exception {
        Policy p = Policy.compile(1, List.of(
                rules(ADS, list(Effect.BLOCK, "198.51.100.0/24")),
                rules(ALLOW, list(Effect.ALLOW, "198.51.100.0/25", "203.0.113.0/24")),
                rules(REGISTRY, list(Effect.BLOCK, "198.51.100.7", "203.0.113.9/32"))), Instant.EPOCH);
        // an allow-list at the ads list's precedence opens its part of the /24
        assertThat(check(p, "198.51.100.100").rule().source()).isEqualTo(ALLOW);
        assertThat(check(p, "198.51.100.200").rule().source()).isEqualTo(ADS);
        // a regulator's address of higher precedence stays blocked inside the allowed ranges
        assertThat(check(p, "198.51.100.7").rule().source()).isEqualTo(REGISTRY);
        assertThat(check(p, "203.0.113.9").action()).isEqualTo(Verdict.Action.BLOCK);
        assertThat(check(p, "203.0.113.10").action()).isEqualTo(Verdict.Action.ALLOW);
        assertThat(check(p, "203.0.113.10").matched()).isTrue();
    }

    @Test
    void theMostSpecificNetworkWinsAtEqualRank() throws Exception {
        SourceMeta other = new SourceMeta("other", "ads", Mandate.OPERATOR_POLICY, false, 10);
        Policy p = Policy.compile(1, List.of(
                rules(ADS, list(Effect.BLOCK, "2001:db8::/32")),
                rules(other, list(Effect.BLOCK, "2001:db8:1::/48"))), Instant.EPOCH);
        assertThat(check(p, "2001:db8:1::5").rule().source()).isEqualTo(other);
        assertThat(check(p, "2001:db8:2::5").rule().source()).isEqualTo(ADS);
        assertThat(check(p, "2001:db9::").matched()).isFalse();
    }

    @Test
    void adjacentNetworksOfOneRuleBecomeOneRange() {
        Policy p = Policy.compile(1, List.of(rules(ADS, list(Effect.BLOCK, "192.0.2.0/25", "192.0.2.128/25", "192.0.2.128/26",
                "2001:db8::/33", "2001:db8:8000::/33"))), Instant.EPOCH);
        assertThat(p.distinctAddressRanges()).isEqualTo(2);
        assertThat(p.entriesBySource()).containsEntry("ads", 5);
    }

    @Test
    void anIpv4MappedAddressIsDecidedAsIpv4() throws Exception {
        Policy p = Policy.compile(1, List.of(rules(ADS, list(Effect.BLOCK, "192.0.2.0/24", "::/0"))), Instant.EPOCH);
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) 192;
        mapped[14] = 2;
        mapped[15] = 1;
        assertThat(p.checkAddress(mapped).action()).isEqualTo(Verdict.Action.BLOCK);
        mapped[14] = 3;
        assertThat(p.checkAddress(mapped).matched()).as("::/0 holds no IPv4 address").isFalse();
    }

    @Test
    void aConfidentialSourcesVerdictNamesNoAddress() throws Exception {
        Policy p = Policy.compile(1, List.of(rules(SECRET, list(Effect.BLOCK, "192.0.2.1"))), Instant.EPOCH);
        Verdict v = check(p, "192.0.2.1");
        assertThat(v.action()).isEqualTo(Verdict.Action.BLOCK);
        assertThat(v.matchedName()).isEmpty();
        assertThat(v.describe()).doesNotContain("192.0.2");
    }

    @Test
    void addressBytesAreReadAtAnOffset() {
        Policy p = Policy.compile(1, List.of(rules(ADS, list(Effect.BLOCK, "192.0.2.0/24"))), Instant.EPOCH);
        byte[] rdata = {9, 9, (byte) 192, 0, 2, 44, 9};
        assertThat(p.checkAddress(rdata, 2, 4).matchedName()).isEqualTo("192.0.2.44");
        assertThatThrownBy(() -> p.checkAddress(rdata, 0, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void networksParseStrictlyAndNeverQuoteTheText() {
        assertThat(net("192.0.2.7").toString()).isEqualTo("192.0.2.7/32");
        assertThat(net("2001:DB8::/32").toString()).isEqualTo("2001:db8:0:0:0:0:0:0/32");
        assertThat(net("::ffff:192.0.2.0/120").toString()).isEqualTo("192.0.2.0/24");
        assertThat(net("0.0.0.0/0").prefixLength()).isZero();
        for (String bad : new String[] {"192.0.2.1/24", "010.0.0.1", "198.51.100", "256.0.0.1", "192.0.2.0/33", "2001:db8::/129",
                "example.test", "192.0.2.0/", "192.0.2.0/x", "::ffff:192.0.2.0/90", "2001:db8::1::2", "", "1.2.3.4.5"}) {
            assertThatThrownBy(() -> IpNetwork.parse(bad)).as(bad).isInstanceOf(InvalidAddressException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(bad.isEmpty() ? "\u0000" : bad));
        }
    }
}
