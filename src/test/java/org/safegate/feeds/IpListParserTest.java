package org.safegate.feeds;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.safegate.config.ListFormat;
import org.safegate.policy.DomainList;
import org.safegate.policy.Effect;
import org.safegate.policy.Mandate;
import org.safegate.policy.Policy;
import org.safegate.policy.SourceMeta;
import org.safegate.policy.SourceRules;
import org.safegate.policy.UrlList;
import org.safegate.policy.Verdict;

class IpListParserTest {
    private static final SourceMeta LIST = new SourceMeta("ips", "ips", Mandate.OPERATOR_POLICY, false, 10);

    private static ParseReport parse(String text, Effect effect, boolean confidential) throws IOException {
        return ListParsers.of(ListFormat.IPS, effect).parse("ips.txt", new ByteArrayInputStream(text.getBytes(UTF_8)), confidential);
    }

    private static Verdict check(ParseReport report, String address) throws Exception {
        Policy p = Policy.compile(1, List.of(new SourceRules(LIST, DomainList.empty(), UrlList.empty(), report.addresses())),
                Instant.EPOCH);
        return p.checkAddress(InetAddress.getByName(address));
    }

    @Test
    void addressesAndNetworksOfBothFamiliesWithComments() throws Exception {
        ParseReport report = parse("""
                # documentation ranges
                192.0.2.0/24
                198.51.100.7        # one host
                \t2001:db8::/32
                
                """, Effect.BLOCK, false);
        assertThat(report.errors()).isEmpty();
        assertThat(report.ruleLines()).isEqualTo(3);
        assertThat(report.linesRead()).isEqualTo(5);
        assertThat(report.addresses().size()).isEqualTo(3);
        assertThat(report.addresses().countIpv6()).isEqualTo(1);
        assertThat(check(report, "192.0.2.200").action()).isEqualTo(Verdict.Action.BLOCK);
        assertThat(check(report, "198.51.100.7").action()).isEqualTo(Verdict.Action.BLOCK);
        assertThat(check(report, "198.51.100.8").matched()).isFalse();
        assertThat(check(report, "2001:db8:ffff::1").action()).isEqualTo(Verdict.Action.BLOCK);
    }

    @Test
    void badLinesAreReportedWithFileLineAndFieldAndTheRestIsKept() throws Exception {
        ParseReport report = parse("""
                192.0.2.0/24
                10.0.0.1/8
                192.0.2.1 192.0.2.2
                example.test
                2001:db8::/200
                010.0.0.1
                """, Effect.BLOCK, false);
        assertThat(report.addresses().size()).isEqualTo(1);
        assertThat(report.ruleLines()).isEqualTo(6);
        assertThat(report.errors()).extracting(ParseError::toString).containsExactly(
                "ips.txt:2: address: \"10.0.0.1/8\": host bits set for /8 (expected: the network's first address)",
                "ips.txt:3: address: \"192.0.2.1\": more than one field (expected: one address or network per line)",
                "ips.txt:4: address: \"example.test\": not an IP address (expected: like 192.0.2.1, 192.0.2.0/24 or 2001:db8::/32)",
                "ips.txt:5: address: \"2001:db8::/200\": prefix length 200 (expected: 0..128)",
                "ips.txt:6: address: \"010.0.0.1\": not an IP address (expected: like 192.0.2.1, 192.0.2.0/24 or 2001:db8::/32)");
    }

    @Test
    void aConfidentialListQuotesNoEntry() throws IOException {
        ParseReport report = parse("10.0.0.1/8\n", Effect.BLOCK, true);
        assertThat(report.errors()).extracting(ParseError::toString)
                .containsExactly("ips.txt:1: address: host bits set for /8 (expected: the network's first address)");
    }

    @Test
    void anAllowListTakesTheSourcesEffect() throws Exception {
        ParseReport report = parse("192.0.2.0/24\n", Effect.ALLOW, false);
        Verdict v = check(report, "192.0.2.1");
        assertThat(v.matched()).isTrue();
        assertThat(v.action()).isEqualTo(Verdict.Action.ALLOW);
    }

    @Test
    void theSampleListHoldsOnlyDocumentationRanges() throws Exception {
        ParseReport report;
        try (InputStream in = Files.newInputStream(Path.of("blocklists/sample-ips.txt"))) {
            report = ListParsers.of(ListFormat.IPS).parse("blocklists/sample-ips.txt", in, false);
        }
        assertThat(report.errors()).isEmpty();
        assertThat(report.addresses().size()).isEqualTo(2);
        assertThat(report.addresses().network(0)).hasToString("192.0.2.0/24");
        assertThat(report.addresses().network(1)).hasToString("2001:db8:0:0:0:0:0:0/32");
    }
}
